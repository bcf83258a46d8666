import { describe, expect, it } from 'vitest';
import { councilOf, councilOrganizations, keepsBoundCouncils, participantIds } from './participants';

const joint = [
  { organizationId: 'a', council: councilOf('Eksempel kommune') },
  { organizationId: 'b', council: councilOf('Nabo kommune') },
];

describe('joint strategies', () => {
  it('name each participant’s council after its municipality, so no two read alike', () => {
    expect(councilOf(' Nabo kommune ')).toBe('Kommunestyret i Nabo kommune');
  });

  it('put the creating organization first and every participant once', () => {
    expect(participantIds('a', ['b', 'a', 'b', 'c'])).toEqual(['a', 'b', 'c']);
    expect(participantIds('a', [])).toEqual(['a']);
  });

  it('bind councils to organizations only when several take part', () => {
    expect(councilOrganizations(joint)).toEqual({
      'Kommunestyret i Eksempel kommune': 'a',
      'Kommunestyret i Nabo kommune': 'b',
    });
    expect(councilOrganizations(joint.slice(0, 1))).toEqual({});
  });

  it('keep the bound councils through a settings change, in any order, and nothing else', () => {
    expect(keepsBoundCouncils(joint, ['Kommunestyret i Nabo kommune', 'Kommunestyret i Eksempel kommune'])).toBe(true);
    expect(keepsBoundCouncils(joint, ['Kommunestyret'])).toBe(false);
    expect(keepsBoundCouncils(joint, [...joint.map((p) => p.council), 'Formannskapet'])).toBe(false);
    expect(keepsBoundCouncils([], ['Kommunestyret', 'Formannskapet'])).toBe(true);
  });
});
