import { describe, expect, it } from 'vitest';
import type { Actor } from './access';
import { ERROR_MESSAGES } from './errors';
import { ROLES, type Role } from './roles';
import { workflowActionInput } from './workflow-input';
import {
  ACTION_LABELS,
  DEFAULT_SETTINGS,
  STAGES,
  STAGE_DESCRIPTIONS,
  STAGE_LABELS,
  RETURN_THREAD_LABELS,
  TRANSITIONS,
  WORKFLOW_ACTIONS,
  applyAction,
  approvalsNeeded,
  availableActions,
  periodProblem,
  quorumReached,
  workflowLabel,
  type Outcome,
  type Stage,
  type WorkflowState,
} from './workflow';

const HASH = 'a'.repeat(64);
const member = (role: Role, userId = `u-${role}`): Actor => ({ userId, role });
const leader = member('leader');
const executive = member('executive');
const steering = (n: number) => member('steering', `s${n}`);

function state(overrides: Partial<WorkflowState> = {}): WorkflowState {
  return {
    stage: 'utkast',
    frozen: false,
    candidateHash: null,
    settings: DEFAULT_SETTINGS,
    steeringMemberIds: ['s1', 's2', 's3'],
    steeringApprovals: [],
    decisions: [],
    changesPending: false,
    ...overrides,
  };
}

const atGate = (overrides: Partial<WorkflowState> = {}) =>
  state({ stage: 'styringsgruppe', frozen: true, candidateHash: HASH, ...overrides });

function accepted(outcome: Outcome) {
  if (!outcome.ok) throw new Error(`refused: ${outcome.refusal}`);
  return outcome;
}

describe('the stages and transitions', () => {
  it('follow product.md in order, with the API names', () => {
    expect(STAGES).toEqual(['oppstart', 'utkast', 'horing', 'styringsgruppe', 'godkjenning', 'politisk', 'vedtatt']);
  });

  it('describe every action once, from and to known stages', () => {
    expect(TRANSITIONS.map((t) => t.action).sort()).toEqual([...WORKFLOW_ACTIONS].sort());
    for (const t of TRANSITIONS) for (const s of [...t.from, ...t.to]) expect(STAGES).toContain(s);
  });

  it('each have a payload schema for POST /workflow, and nothing else does', () => {
    expect(workflowActionInput.options.map((o) => o.shape.action.value).sort()).toEqual([...WORKFLOW_ACTIONS].sort());
  });

  it('have labels in bokmål, nynorsk and English for every stage and action', () => {
    for (const stage of STAGES) {
      for (const locale of ['nb', 'nn', 'en'] as const) {
        expect(STAGE_LABELS[stage][locale]).toBeTruthy();
        expect(STAGE_DESCRIPTIONS[stage][locale]).toBeTruthy();
      }
    }
    for (const action of WORKFLOW_ACTIONS) expect(Object.keys(ACTION_LABELS[action])).toEqual(['nb', 'nn', 'en']);
  });

  it("name the executive by the organization's title, in both written forms (issue 13)", () => {
    const texts = (title: string, locale: 'nb' | 'nn') =>
      [
        ...STAGES.flatMap((stage) => [STAGE_LABELS[stage], STAGE_DESCRIPTIONS[stage]]),
        ...Object.values(RETURN_THREAD_LABELS),
      ].map((labels) => workflowLabel(labels, locale, title));
    for (const locale of ['nb', 'nn'] as const) {
      const radmann = texts('Rådmann', locale);
      expect(radmann.join(' ')).not.toMatch(/kommunedirekt|\{/i);
      expect(radmann.filter((t) => /rådmann/i.test(t))).toHaveLength(4);
      const kommunedirektor = texts('Kommunedirektør', locale);
      expect(kommunedirektor.join(' ')).not.toMatch(/rådmann|\{/i);
      expect(kommunedirektor.filter((t) => /kommunedirektør/i.test(t))).toHaveLength(4);
      // An organization without a valid title is named as the default, kommunedirektør.
      expect(texts('', locale)).toEqual(kommunedirektor);
    }
    expect(workflowLabel(STAGE_LABELS.godkjenning, 'nb', 'Rådmann')).toBe('Rådmannens godkjenning');
    expect(workflowLabel(STAGE_LABELS.godkjenning, 'nn', 'Rådmann')).toBe('Rådmannen si godkjenning');
    expect(workflowLabel(STAGE_LABELS.godkjenning, 'nb', 'kommunedirektor')).toBe('Kommunedirektørens godkjenning');
    expect(workflowLabel(STAGE_LABELS.godkjenning, 'nn', 'Kommunedirektør')).toBe('Kommunedirektøren si godkjenning');
    expect(workflowLabel(STAGE_DESCRIPTIONS.oppstart, 'nb', 'Rådmann')).toBe(
      'Rådmannen gir mandatet: hvem, periode og frist.',
    );
    expect(workflowLabel(RETURN_THREAD_LABELS.executive_return, 'nn', 'Rådmann')).toBe(
      'Sendt tilbake til utkast av rådmannen',
    );
    expect(workflowLabel(STAGE_LABELS.godkjenning, 'en', 'Rådmann')).toBe("Chief executive's approval");
  });

  it('refuse with codes the error catalogue explains', () => {
    for (const refusal of [
      'forbidden',
      'wrong_stage',
      'stale_hash',
      'already_decided',
      'return_reason_required',
      'unknown_council',
      'council_decided',
      'other_council',
    ]) {
      expect(ERROR_MESSAGES).toHaveProperty(refusal);
    }
  });

  it('never let an advisor, a union representative or a viewer move the workflow', () => {
    for (const stage of STAGES) {
      for (const role of ['advisor', 'union', 'viewer', 'editor'] as const) {
        expect(availableActions(state({ stage, candidateHash: HASH }), member(role))).toEqual([]);
      }
    }
  });
});

describe('availableActions', () => {
  it('offers the leader consultation and submission in Utkast, and the executive the mandate', () => {
    expect(availableActions(state(), leader)).toEqual(['update_settings', 'start_consultation', 'submit']);
    expect(availableActions(state(), executive)).toEqual(['give_mandate', 'update_settings']);
    expect(availableActions(state(), steering(1))).toEqual([]);
  });

  it('offers the drøftingsmøte during Intern høring', () => {
    expect(availableActions(state({ stage: 'horing' }), leader)).toContain('record_meeting');
    expect(availableActions(state(), leader)).not.toContain('record_meeting');
  });

  it('offers each steering member approve and return once per candidate', () => {
    const gate = atGate({ steeringApprovals: ['s1'] });
    expect(availableActions(gate, steering(1))).toEqual([]);
    expect(availableActions(gate, steering(2))).toEqual(['steering_approve', 'steering_return']);
    expect(availableActions(gate, leader)).toEqual([]);
  });

  it('offers the political decision while a council has not decided, and adoption of changes once one adopted with changes', () => {
    const politisk = state({ stage: 'politisk', frozen: true, candidateHash: HASH });
    expect(availableActions(politisk, executive)).toEqual(['record_decision']);
    expect(availableActions(politisk, leader)).toEqual(['record_decision']);
    const changing = { ...politisk, frozen: false, changesPending: true };
    expect(availableActions(changing, leader)).toEqual(['adopt_changed_version']);
  });

  it('offers nothing once adopted', () => {
    for (const role of ROLES)
      expect(availableActions(state({ stage: 'vedtatt', frozen: true }), member(role))).toEqual([]);
  });
});

describe('applyAction', () => {
  it('refuses a role that may not take the action with forbidden (403), before looking at the stage', () => {
    const outcome = applyAction(state({ stage: 'vedtatt' }), 'submit', { actor: member('advisor') });
    expect(outcome).toEqual({ ok: false, refusal: 'forbidden', status: 403 });
    expect(applyAction(atGate(), 'steering_approve', { actor: executive, contentHash: HASH })).toMatchObject({
      refusal: 'forbidden',
    });
  });

  it('refuses an action from the wrong stage with wrong_stage (409)', () => {
    expect(applyAction(state(), 'steering_approve', { actor: steering(1), contentHash: HASH })).toEqual({
      ok: false,
      refusal: 'wrong_stage',
      status: 409,
    });
    expect(applyAction(atGate(), 'submit', { actor: leader })).toMatchObject({ refusal: 'wrong_stage' });
  });

  it('freezes the text and asks for a candidate version when the leader submits', () => {
    const outcome = accepted(applyAction(state({ stage: 'horing' }), 'submit', { actor: leader }));
    expect(outcome).toMatchObject({ from: 'horing', to: 'styringsgruppe', state: { frozen: true } });
    expect(outcome.effects).toEqual(['candidate', 'freeze']);
  });

  it('refuses an approval naming another hash than the candidate’s with stale_hash (409)', () => {
    expect(applyAction(atGate(), 'steering_approve', { actor: steering(1), contentHash: 'b'.repeat(64) })).toEqual({
      ok: false,
      refusal: 'stale_hash',
      status: 409,
    });
    expect(applyAction(atGate(), 'steering_approve', { actor: steering(1) })).toMatchObject({ refusal: 'stale_hash' });
    expect(
      applyAction(state({ stage: 'godkjenning', candidateHash: HASH }), 'executive_approve', {
        actor: executive,
        contentHash: 'c',
      }),
    ).toMatchObject({
      refusal: 'stale_hash',
    });
  });

  it('moves to the executive once every steering member approved, with quorum "all"', () => {
    let gate = atGate();
    for (const n of [1, 2]) {
      const outcome = accepted(applyAction(gate, 'steering_approve', { actor: steering(n), contentHash: HASH }));
      expect(outcome.to).toBe('styringsgruppe');
      gate = outcome.state;
    }
    const last = accepted(applyAction(gate, 'steering_approve', { actor: steering(3), contentHash: HASH }));
    expect(last.to).toBe('godkjenning');
    expect(last.state.frozen).toBe(true);
  });

  it('moves to the executive at a majority, with quorum "majority"', () => {
    const settings = { ...DEFAULT_SETTINGS, quorum: 'majority' as const };
    const first = accepted(
      applyAction(atGate({ settings }), 'steering_approve', { actor: steering(1), contentHash: HASH }),
    );
    expect(first.to).toBe('styringsgruppe');
    const second = accepted(applyAction(first.state, 'steering_approve', { actor: steering(2), contentHash: HASH }));
    expect(second.to).toBe('godkjenning');
  });

  it('counts one approval per member', () => {
    const gate = atGate({ steeringApprovals: ['s1'] });
    expect(applyAction(gate, 'steering_approve', { actor: steering(1), contentHash: HASH })).toMatchObject({
      refusal: 'already_decided',
      status: 409,
    });
  });

  it('sends the text back to Utkast, unfrozen, when one steering member returns it with a reason', () => {
    const gate = atGate({ steeringApprovals: ['s2'] });
    expect(applyAction(gate, 'steering_return', { actor: steering(1), note: '  ' })).toMatchObject({
      refusal: 'return_reason_required',
      status: 400,
    });
    const outcome = accepted(applyAction(gate, 'steering_return', { actor: steering(1), note: 'Visjonen mangler.' }));
    expect(outcome).toMatchObject({ to: 'utkast', state: { frozen: false, steeringApprovals: [] } });
    expect(outcome.effects).toEqual(['unfreeze', 'returned']);
  });

  it('lets the executive return the approved candidate to Utkast', () => {
    const outcome = accepted(
      applyAction(state({ stage: 'godkjenning', frozen: true, candidateHash: HASH }), 'executive_return', {
        actor: executive,
        note: 'Periode må rettes.',
      }),
    );
    expect(outcome).toMatchObject({ from: 'godkjenning', to: 'utkast', state: { frozen: false } });
  });

  it('sends the executive’s approval to political treatment, or adopts administratively when none is required', () => {
    const approved = state({ stage: 'godkjenning', frozen: true, candidateHash: HASH });
    expect(accepted(applyAction(approved, 'executive_approve', { actor: executive, contentHash: HASH })).to).toBe(
      'politisk',
    );
    const administrative = { ...approved, settings: { ...DEFAULT_SETTINGS, politicalRequired: false } };
    const adopted = accepted(applyAction(administrative, 'executive_approve', { actor: executive, contentHash: HASH }));
    expect(adopted).toMatchObject({ to: 'vedtatt', state: { frozen: true } });
    expect(adopted.effects).toEqual(['publish']);
  });

  describe('political treatment', () => {
    const politisk = (councils = ['Kommunestyret']) =>
      state({ stage: 'politisk', frozen: true, candidateHash: HASH, settings: { ...DEFAULT_SETTINGS, councils } });

    it('adopts and publishes when the council adopts', () => {
      const outcome = accepted(applyAction(politisk(), 'record_decision', { actor: leader, decision: 'adopted' }));
      expect(outcome).toMatchObject({ to: 'vedtatt', effects: ['publish'], state: { frozen: true } });
    });

    it('waits for every council of a joint strategy, each recording its own decision', () => {
      const joint = politisk(['Kommunestyret i A', 'Kommunestyret i B']);
      expect(applyAction(joint, 'record_decision', { actor: executive, decision: 'adopted' })).toMatchObject({
        refusal: 'unknown_council',
      });
      const first = accepted(
        applyAction(joint, 'record_decision', { actor: executive, council: 'Kommunestyret i A', decision: 'adopted' }),
      );
      expect(first.to).toBe('politisk');
      expect(
        applyAction(first.state, 'record_decision', {
          actor: executive,
          council: 'Kommunestyret i A',
          decision: 'adopted',
        }),
      ).toMatchObject({
        refusal: 'council_decided',
      });
      const second = accepted(
        applyAction(first.state, 'record_decision', {
          actor: executive,
          council: 'Kommunestyret i B',
          decision: 'adopted',
        }),
      );
      expect(second.to).toBe('vedtatt');
    });

    it('binds each council of a joint strategy to its organization: only its own people record its decision', () => {
      const joint = {
        ...politisk(['Kommunestyret i A', 'Kommunestyret i B']),
        councilOrganizations: { 'Kommunestyret i A': 'org-a', 'Kommunestyret i B': 'org-b' },
      };
      expect(
        applyAction(joint, 'record_decision', {
          actor: leader,
          council: 'Kommunestyret i A',
          organizationId: 'org-b',
          decision: 'adopted',
        }),
      ).toMatchObject({ refusal: 'other_council', status: 403 });
      // Without a council named, the form records the recorder's own organization's.
      const a = accepted(
        applyAction(joint, 'record_decision', { actor: leader, organizationId: 'org-a', decision: 'adopted' }),
      );
      expect(a.state.decisions).toEqual([{ council: 'Kommunestyret i A', decision: 'adopted', changesAdopted: false }]);
      expect(a.to).toBe('politisk');
      const b = accepted(
        applyAction(a.state, 'record_decision', { actor: leader, organizationId: 'org-b', decision: 'adopted' }),
      );
      expect(b.to).toBe('vedtatt');
    });

    it('opens the text for the changes when adopted with changes, and adopts the changed version', () => {
      const changed = accepted(
        applyAction(politisk(), 'record_decision', { actor: executive, decision: 'adopted_with_changes' }),
      );
      expect(changed).toMatchObject({
        to: 'politisk',
        effects: ['unfreeze'],
        state: { frozen: false, changesPending: true },
      });
      expect(availableActions(changed.state, executive)).toEqual([]);
      const adopted = accepted(applyAction(changed.state, 'adopt_changed_version', { actor: leader }));
      expect(adopted).toMatchObject({ to: 'vedtatt', state: { frozen: true, changesPending: false } });
      expect(adopted.effects).toEqual(['candidate', 'freeze', 'publish']);
    });

    it('sends the text back to Utkast when not adopted', () => {
      const outcome = accepted(
        applyAction(politisk(), 'record_decision', { actor: executive, decision: 'not_adopted' }),
      );
      expect(outcome).toMatchObject({ to: 'utkast', state: { frozen: false }, effects: ['unfreeze', 'returned'] });
    });

    it('refuses adopting a changed version when no council asked for changes', () => {
      expect(applyAction(politisk(), 'adopt_changed_version', { actor: leader })).toMatchObject({
        refusal: 'wrong_stage',
      });
    });
  });

  it('starts the work when the mandate is given at Oppstart, and only updates it later', () => {
    expect(accepted(applyAction(state({ stage: 'oppstart' }), 'give_mandate', { actor: executive })).to).toBe('utkast');
    expect(accepted(applyAction(state({ stage: 'horing' }), 'give_mandate', { actor: executive })).to).toBe('horing');
    expect(applyAction(atGate(), 'give_mandate', { actor: executive })).toMatchObject({ refusal: 'wrong_stage' });
  });

  it('takes every stage to a stage the transition names', () => {
    const stages: Stage[] = [...STAGES];
    for (const t of TRANSITIONS) {
      for (const stage of stages) {
        const outcome = applyAction(state({ stage, candidateHash: HASH }), t.action, {
          actor: member(
            t.capability === 'workflow.steeringDecision'
              ? 'steering'
              : t.capability === 'workflow.advance'
                ? 'leader'
                : 'executive',
            's1',
          ),
          contentHash: HASH,
          note: 'grunn',
        });
        if (outcome.ok && t.to.length > 0) expect(t.to, `${t.action} from ${stage}`).toContain(outcome.to);
        if (outcome.ok && t.to.length === 0) expect(outcome.to).toBe(stage);
      }
    }
  });
});

describe('the gate rules', () => {
  it('needs at least one approval, all members or more than half of them', () => {
    const settings = DEFAULT_SETTINGS;
    expect(quorumReached({ settings, steeringMemberIds: [], steeringApprovals: [] })).toBe(false);
    expect(quorumReached({ settings, steeringMemberIds: ['a', 'b'], steeringApprovals: ['a'] })).toBe(false);
    expect(quorumReached({ settings, steeringMemberIds: ['a', 'b'], steeringApprovals: ['a', 'b'] })).toBe(true);
    const majority = { ...settings, quorum: 'majority' as const };
    expect(quorumReached({ settings: majority, steeringMemberIds: ['a', 'b'], steeringApprovals: ['a'] })).toBe(false);
    expect(
      quorumReached({ settings: majority, steeringMemberIds: ['a', 'b', 'c'], steeringApprovals: ['a', 'c'] }),
    ).toBe(true);
    expect(approvalsNeeded({ settings: majority, steeringMemberIds: ['a', 'b', 'c', 'd'] })).toBe(3);
  });

  it('does not count approvals of people who have left the steering group', () => {
    expect(quorumReached({ settings: DEFAULT_SETTINGS, steeringMemberIds: ['a'], steeringApprovals: ['gone'] })).toBe(
      false,
    );
  });

  it('allows a period of at most four years', () => {
    expect(periodProblem(2027, 2030)).toBeNull();
    expect(periodProblem(2027, 2027)).toBeNull();
    expect(periodProblem(2027, 2031)).toBe('period_too_long');
    expect(periodProblem(2030, 2027)).toBe('period_invalid');
  });
});
