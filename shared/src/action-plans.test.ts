import { describe, expect, it } from 'vitest';
import {
  budgetByYear,
  canonicalJson,
  createMeasureInput,
  isWithoutGoal,
  measureProblem,
  mergeMeasureEdit,
  progressOf,
  statusConflict,
  type MeasureFields,
} from './action-plans';
import { can } from './access';

const fields: MeasureFields = {
  title: 'Tiltak',
  description: '',
  goalIds: ['a'],
  ownerId: 'u1',
  unitName: '',
  sectionKey: null,
  startYear: 2027,
  endYear: 2028,
  budget: [{ year: 2027, investment: 100, operating: 10 }],
  expectedBenefit: '',
  indicators: [],
  changesWork: false,
  unionDiscussion: null,
};

describe('merging an edit of a measure field by field', () => {
  it('applies a change over the value it started from', () => {
    const r = mergeMeasureEdit(fields, { title: 'Tiltak' }, { title: 'Nytt' });
    expect(r).toMatchObject({ conflicts: [], changed: ['title'], merged: { title: 'Nytt', description: '' } });
  });

  it('keeps someone else’s change to another field', () => {
    const stored = { ...fields, description: 'Endret av en annen' };
    const r = mergeMeasureEdit(stored, { title: 'Tiltak' }, { title: 'Nytt' });
    expect(r.merged).toMatchObject({ title: 'Nytt', description: 'Endret av en annen' });
  });

  it('reports a conflict with both values when someone else changed the same field', () => {
    const stored = { ...fields, title: 'Deres' };
    const r = mergeMeasureEdit(stored, { title: 'Tiltak' }, { title: 'Mitt' });
    expect(r.conflicts).toEqual([{ field: 'title', yours: 'Mitt', theirs: 'Deres' }]);
  });

  it('sees no conflict when both made the same change, and compares objects whatever their key order', () => {
    expect(mergeMeasureEdit({ ...fields, title: 'Likt' }, { title: 'Tiltak' }, { title: 'Likt' }).conflicts).toEqual(
      [],
    );
    const reordered = [{ operating: 10, investment: 100, year: 2027 }];
    expect(mergeMeasureEdit(fields, { budget: reordered }, { budget: [] }).conflicts).toEqual([]);
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
  });

  it('answers a status report over a changed status with a conflict, unless it says the same', () => {
    expect(statusConflict('started', { status: 'done', base: 'planned' })).toEqual({
      field: 'status',
      yours: 'done',
      theirs: 'started',
    });
    expect(statusConflict('started', { status: 'started', base: 'planned' })).toBeNull();
    expect(statusConflict('planned', { status: 'done', base: 'planned' })).toBeNull();
  });
});

describe('a measure’s rules', () => {
  it('refuses an end before the start and budgets outside the years or twice for one year', () => {
    expect(measureProblem(fields)).toBeNull();
    expect(measureProblem({ ...fields, endYear: 2026 })).toBe('plan_years_invalid');
    expect(measureProblem({ ...fields, budget: [{ year: 2030, investment: 1, operating: 1 }] })).toBe(
      'plan_budget_invalid',
    );
    const twice = [fields.budget[0]!, fields.budget[0]!];
    expect(measureProblem({ ...fields, budget: twice })).toBe('plan_budget_invalid');
  });

  it('accepts whole kroner only, names the catalogue code', () => {
    const bad = createMeasureInput.safeParse({ ...fields, budget: [{ year: 2027, investment: 0.5, operating: 0 }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('plan_budget_invalid');
  });

  it('is "uten mål" only when none of its goals is in the text', () => {
    expect(isWithoutGoal(['a', 'b'], new Set(['b']))).toBe(false);
    expect(isWithoutGoal(['a'], new Set(['b']))).toBe(true);
  });

  it('counts progress without stopped measures and sums budgets per year', () => {
    expect(progressOf(['done', 'started', 'stopped', 'planned']).donePercent).toBe(33);
    expect(budgetByYear([fields.budget, [{ year: 2027, investment: 1, operating: 2 }]])).toEqual([
      { year: 2027, investment: 101, operating: 12 },
    ]);
  });
});

describe('rights on plans', () => {
  const strategy = { kind: 'strategy', stage: 'utkast', frozen: false } as const;
  it('lets leaders manage plans, everyone read, and an owner report only on their own measures', () => {
    expect(can({ userId: 'l', role: 'leader' }, 'plan.manage', strategy)).toBe(true);
    expect(can({ userId: 'e', role: 'editor' }, 'plan.manage', strategy)).toBe(false);
    expect(can({ userId: 'v', role: 'viewer' }, 'plan.read', strategy)).toBe(true);
    expect(can({ userId: 'e', role: 'editor' }, 'measure.reportStatus', { kind: 'measure', ownerId: 'e' })).toBe(true);
    expect(can({ userId: 'e', role: 'editor' }, 'measure.reportStatus', { kind: 'measure', ownerId: 'x' })).toBe(false);
    expect(can({ userId: 'l', role: 'leader' }, 'measure.reportStatus', { kind: 'measure', ownerId: 'x' })).toBe(true);
    expect(can({ userId: 'u', role: 'union' }, 'measure.reportStatus', { kind: 'measure', ownerId: 'u' })).toBe(false);
  });
});
