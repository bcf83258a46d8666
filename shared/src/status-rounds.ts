// Status rounds (issue 16, deliverable 5): a leader asks the owners of a plan's measures for their
// status by a date; each owner answers from their inbox; the leader sees who has not answered and
// may remind them. Plain data and pure functions; the server stores rounds and requests.
import { z } from 'zod';
import { isUnfinished, type MeasureStatus } from './action-plans';

/**
 * The measures a round asks about: those still to be carried out (planned, started, postponed).
 * A measure done or stopped has nothing more to report.
 */
export function askedInRound(status: MeasureStatus): boolean {
  return isUnfinished(status);
}

/** `YYYY-MM-DD`, a calendar day (Oslo), checked to exist. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'plan_date_invalid')
  .refine((value) => {
    const d = new Date(`${value}T12:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
  }, 'plan_date_invalid');

/** `POST …/:year/status-rounds`: the day the answers are due and a word from the leader. */
export const statusRoundInput = z.object({
  dueDate: day,
  message: z.string().max(1000, 'plan_text_too_long'),
});
export type StatusRoundInput = z.infer<typeof statusRoundInput>;

/** Whether `dueDate` is on or after `today` (both `YYYY-MM-DD`): a round cannot be due in the past. */
export function dueDateValid(dueDate: string, today: string): boolean {
  return dueDate >= today;
}

/** Today's date in Oslo as `YYYY-MM-DD` (a round's due date is a Norwegian calendar day). */
export function osloToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(now);
}

/** One owner's share of a round: their measures asked about, and how many they answered. */
export interface OwnerAnswers {
  ownerId: string;
  asked: number;
  answered: number;
}

/**
 * Per owner, how many of the round's requests they answered, owners who have not answered all first
 * (then by id, for a stable order). `requests` is one entry per measure asked about.
 */
export function answersByOwner(requests: readonly { ownerId: string; answered: boolean }[]): OwnerAnswers[] {
  const by = new Map<string, OwnerAnswers>();
  for (const r of requests) {
    const o = by.get(r.ownerId) ?? { ownerId: r.ownerId, asked: 0, answered: 0 };
    o.asked += 1;
    if (r.answered) o.answered += 1;
    by.set(r.ownerId, o);
  }
  const open = (o: OwnerAnswers) => (o.answered < o.asked ? 0 : 1);
  return [...by.values()].sort((a, b) => open(a) - open(b) || (a.ownerId < b.ownerId ? -1 : 1));
}

/** The owners who still owe an answer: those a reminder goes to. */
export function notAnswered(answers: readonly OwnerAnswers[]): string[] {
  return answers.filter((o) => o.answered < o.asked).map((o) => o.ownerId);
}

/** Whether a round is overdue on `today` (`YYYY-MM-DD`): its due day has passed. */
export function isOverdue(dueDate: string, today: string): boolean {
  return today > dueDate;
}
