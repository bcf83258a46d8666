import type { Tx } from '../db/client';
import { workflowHistory, workflowMandates } from '../db/schema-workflow';

/**
 * The demo strategy starts in Utkast, so its mandate was given before anyone logs in: the process
 * page then opens on a timeline that shows where the work came from.
 */
export async function demoMandate(
  db: Tx,
  strategyId: string,
  people: { executiveId: string; leaderId: string },
): Promise<void> {
  await db.insert(workflowMandates).values({
    strategyId,
    periodStart: 2027,
    periodEnd: 2030,
    deadline: '2026-11-30',
    projectLeaderId: people.leaderId,
    note: 'Strategien skal behandles i kommunestyret før budsjettet for 2027.',
    givenBy: people.executiveId,
  });
  await db.insert(workflowHistory).values({
    strategyId,
    fromStage: 'oppstart',
    toStage: 'utkast',
    action: 'give_mandate',
    actorId: people.executiveId,
    note: 'Mandat gitt for perioden 2027–2030 med prosjektleder og frist.',
  });
}
