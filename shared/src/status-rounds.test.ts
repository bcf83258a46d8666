import { describe, expect, it } from 'vitest';
import {
  answersByOwner,
  askedInRound,
  dueDateValid,
  isOverdue,
  notAnswered,
  osloToday,
  statusRoundInput,
} from './status-rounds';

describe('status rounds', () => {
  it('ask about measures still to be carried out', () => {
    expect(['planned', 'started', 'postponed'].every((s) => askedInRound(s as never))).toBe(true);
    expect(askedInRound('done')).toBe(false);
    expect(askedInRound('stopped')).toBe(false);
  });

  it('count answers per owner, those who owe one first, and remind only them', () => {
    const answers = answersByOwner([
      { ownerId: 'siri', answered: true },
      { ownerId: 'ola', answered: true },
      { ownerId: 'ola', answered: false },
      { ownerId: 'kari', answered: true },
    ]);
    expect(answers).toEqual([
      { ownerId: 'ola', asked: 2, answered: 1 },
      { ownerId: 'kari', asked: 1, answered: 1 },
      { ownerId: 'siri', asked: 1, answered: 1 },
    ]);
    expect(notAnswered(answers)).toEqual(['ola']);
  });

  it('take a due day that exists and is not past, in Oslo time', () => {
    expect(statusRoundInput.safeParse({ dueDate: '2027-02-30', message: '' }).success).toBe(false);
    expect(statusRoundInput.safeParse({ dueDate: '2027-03-01', message: 'Før tertialrapporten' }).success).toBe(true);
    expect(dueDateValid('2027-03-01', '2027-03-01')).toBe(true);
    expect(dueDateValid('2027-02-28', '2027-03-01')).toBe(false);
    // 23:30 UTC on 31 December is already New Year's Day in Oslo.
    expect(osloToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(isOverdue('2027-03-01', '2027-03-02')).toBe(true);
    expect(isOverdue('2027-03-01', '2027-03-01')).toBe(false);
  });
});
