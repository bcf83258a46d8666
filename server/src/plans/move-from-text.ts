import type { JSONContent } from '@tiptap/core';
import type * as Y from 'yjs';
import { findTextRange, replaceRange } from '@samstrat/shared/anchors';
import type { Actor } from '@samstrat/shared/access';
import type { MeasureFields } from '@samstrat/shared/action-plans';
import { measureToMove, type MeasureToMove } from '@samstrat/shared/lint';
import { enforce } from '../access/authorize';
import { loadSectionTarget, loadStrategyTarget, type StrategyAccess } from '../access/load';
import type { Deps } from '../context';
import { AppError, notFound } from '../errors';
import { documentContent, strategyOutline, withStrategyDocument } from '../strategies/content';
import { sectionFragmentName } from '../strategies/create';
import { checkFields, createPlanIn, insertMeasure } from './commands';
import { findPlan } from './read';

/** The longest title a measure takes (shared/action-plans); a longer sentence is cut there, whole in the description. */
const TITLE_LENGTH = 200;

function pickIn(
  doc: Y.Doc,
  outline: Awaited<ReturnType<typeof strategyOutline>>,
  sectionKey: string,
  findingId: string,
) {
  const entry = outline.find((s) => s.key === sectionKey);
  if (!entry) return null;
  const [section] = documentContent(doc, [entry]);
  return measureToMove(section?.content as JSONContent | undefined, findingId);
}

const same = (a: MeasureToMove | null, b: MeasureToMove) =>
  a !== null && a.removal === b.removal && a.goalId === b.goalId && a.occurrence === b.occurrence;

/**
 * Moves the sentence of a "measure in the strategy text" finding (shared/lint `measureToMove`) into
 * the year's action plan as a planned measure, owned by the mover and linked to the goal the sentence
 * sits under, and deletes it from the text: the measure's rows and the text's change are stored in
 * one transaction, so both happen or neither. The text is changed through the room registry's
 * `edit`, like an accepted suggestion, so every open editor sees it at once.
 * Needs `measure.moveFromText` on the section (shared/access): a text action, so a frozen text
 * refuses it (409 `frozen`) and a restricted section all but to its writers. Creates the year's plan when there is none. Errors: no such section 404; the sentence
 * gone or changed 409 `measure_move_gone`; see `createPlan` and `checkFields`. Answers the measure's id.
 */
export async function moveMeasureFromText(
  deps: Deps,
  access: Pick<StrategyAccess, 'strategyId' | 'strategy'> & { actor: Actor },
  year: number,
  input: { sectionKey: string; findingId: string },
): Promise<string> {
  const { strategyId, actor, strategy } = access;
  const section = await loadSectionTarget(deps.db, strategyId, input.sectionKey, strategy);
  if (!section) throw notFound();
  enforce(actor, 'measure.moveFromText', section);
  const outline = await strategyOutline(deps.db, strategyId);
  const picked = await withStrategyDocument(deps, strategyId, (doc) =>
    pickIn(doc, outline, input.sectionKey, input.findingId),
  );
  if (!picked) throw new AppError('measure_move_gone', 409);
  const move = picked;
  const fields: MeasureFields = {
    title: move.sentence.length <= TITLE_LENGTH ? move.sentence : `${move.sentence.slice(0, TITLE_LENGTH - 1)}…`,
    description: move.sentence,
    goalIds: [move.goalId],
    ownerId: actor.userId,
    unitName: '',
    sectionKey: input.sectionKey,
    startYear: year,
    endYear: year,
    budget: [],
    expectedBenefit: '',
    indicators: [],
    changesWork: false,
    unionDiscussion: null,
  };
  await checkFields(deps, strategyId, fields);
  const origin = { kind: 'measure.movedFromText', userId: actor.userId, sectionKey: input.sectionKey } as const;
  return await deps.db.transaction(async (tx) => {
    // Checked again in the transaction that changes the text: a freeze committed since the check
    // above must refuse the move.
    const strategyNow = await loadStrategyTarget(tx, strategyId);
    const sectionNow = strategyNow && (await loadSectionTarget(tx, strategyId, input.sectionKey, strategyNow));
    if (!sectionNow) throw notFound();
    enforce(actor, 'measure.moveFromText', sectionNow);
    // The year's plan is made here when there is none, so a move that fails leaves no plan behind.
    const planId =
      (await findPlan(tx, strategyId, year))?.id ?? (await createPlanIn(deps, tx, strategyId, actor.userId, year));
    // The text is read again inside the edit: what is deleted is what the measure says, or nothing.
    await deps.rooms.edit(
      strategyId,
      origin,
      (doc) => {
        if (!same(pickIn(doc, outline, input.sectionKey, input.findingId), move)) {
          throw new AppError('measure_move_gone', 409);
        }
        const fragment = doc.getXmlFragment(sectionFragmentName(input.sectionKey));
        const range = findTextRange(fragment, move.removal, undefined, move.occurrence);
        if (!range) throw new AppError('measure_move_gone', 409);
        replaceRange(fragment, range.from, range.to, '');
      },
      { tx },
    );
    return await insertMeasure(
      deps,
      tx,
      { strategyId, actorId: actor.userId, year, planId, fields },
      { movedFromText: { sectionKey: input.sectionKey, sentence: move.sentence } },
    );
  });
}
