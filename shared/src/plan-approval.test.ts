import { describe, expect, it } from 'vitest';
import type { MeasureFields } from './action-plans';
import { approvalHolds, planContentHash, planDecisionInput, transitionProblem } from './plan-approval';

const measure = (change: Partial<MeasureFields> = {}): MeasureFields => ({
  title: 'Digitalt tilsyn om natten',
  description: 'Sensorer i stedet for fysisk tilsyn.',
  goalIds: ['helse-1'],
  ownerId: 'ola',
  unitName: 'Hjemmetjenesten',
  sectionKey: 'helse-omsorg',
  startYear: 2027,
  endYear: 2028,
  budget: [{ year: 2027, investment: 450_000, operating: 60_000 }],
  expectedBenefit: 'Færre nattbesøk.',
  indicators: [{ name: 'Hjem med sensor', unit: 'antall', baseline: 0, target: 40, actual: [], source: 'Fagsystemet' }],
  changesWork: false,
  unionDiscussion: null,
  ...change,
});

describe('planContentHash', () => {
  it('is the same for the same content whatever the key order, and 64 hex digits', () => {
    const a = measure();
    const b = Object.fromEntries(Object.entries(measure()).reverse()) as MeasureFields;
    expect(planContentHash(2027, [a])).toBe(planContentHash(2027, [b]));
    expect(planContentHash(2027, [a])).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with each content field: measures, goals, owners, budgets, targets', () => {
    const base = planContentHash(2027, [measure()]);
    const changes: Partial<MeasureFields>[] = [
      { title: 'Digitalt tilsyn' },
      { goalIds: ['helse-1', 'helse-2'] },
      { ownerId: 'kari' },
      { budget: [{ year: 2027, investment: 450_001, operating: 60_000 }] },
      {
        indicators: [
          { name: 'Hjem med sensor', unit: 'antall', baseline: 0, target: 50, actual: [], source: 'Fagsystemet' },
        ],
      },
    ];
    for (const change of changes) expect(planContentHash(2027, [measure(change)])).not.toBe(base);
    expect(planContentHash(2027, [measure(), measure({ title: 'Nytt tiltak' })])).not.toBe(base);
    expect(planContentHash(2028, [measure()])).not.toBe(base);
  });

  it('does not change with the actual values measured during follow-up', () => {
    const followed = measure({
      indicators: [
        {
          name: 'Hjem med sensor',
          unit: 'antall',
          baseline: 0,
          target: 40,
          actual: [{ year: 2027, value: 38 }],
          source: 'Fagsystemet',
        },
      ],
    });
    expect(planContentHash(2027, [followed])).toBe(planContentHash(2027, [measure()]));
  });
});

describe('approval', () => {
  const hash = planContentHash(2027, [measure()]);
  const other = planContentHash(2027, [measure({ title: 'Endret' })]);

  it('holds while the approved content is unchanged, and never for a draft', () => {
    expect(approvalHolds('approved', hash, hash)).toBe(true);
    expect(approvalHolds('followUp', hash, hash)).toBe(true);
    expect(approvalHolds('followUp', hash, other)).toBe(false);
    expect(approvalHolds('draft', hash, hash)).toBe(false);
    expect(approvalHolds('approved', null, hash)).toBe(false);
  });

  it('lets a draft or a voided approval be approved, and follow-up start only on a holding approval', () => {
    expect(transitionProblem('approve', 'draft', null, hash)).toBeNull();
    expect(transitionProblem('approve', 'approved', hash, hash)).toBe('plan_approval_current');
    expect(transitionProblem('approve', 'followUp', hash, other)).toBeNull();
    expect(transitionProblem('startFollowUp', 'draft', null, hash)).toBe('plan_state_invalid');
    expect(transitionProblem('startFollowUp', 'approved', hash, other)).toBe('plan_approval_void');
    expect(transitionProblem('startFollowUp', 'approved', hash, hash)).toBeNull();
  });

  it('records a decision with a date and a case number', () => {
    expect(planDecisionInput.safeParse({ date: '2026-12-14', caseNumber: '2026/1234' }).success).toBe(true);
    expect(planDecisionInput.safeParse({ date: '14.12.2026', caseNumber: '2026/1234' }).success).toBe(false);
    expect(planDecisionInput.safeParse({ date: '2026-12-14', caseNumber: ' ' }).success).toBe(false);
  });
});
