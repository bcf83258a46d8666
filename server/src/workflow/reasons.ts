import type { Actor } from '@samstrat/shared/access';
import { anchorFromRange } from '@samstrat/shared/anchors';
import type { Locale } from '@samstrat/shared/errors';
import { RETURN_THREAD_LABELS, workflowLabel } from '@samstrat/shared/workflow';
import * as Y from 'yjs';
import { createThread } from '../comments/commands';
import type { Deps } from '../context';
import { sectionFragmentName } from '../strategies/create';
import { strategyOutline, withStrategyDocument } from '../strategies/content';
import { strategyExecutiveTitle } from '../strategies/executive-title';

/** ProseMirror size of a node as y-prosemirror maps it: elements open and close, text counts its characters. */
function nodeSize(node: Y.XmlElement | Y.XmlText | Y.XmlHook): number {
  if (node instanceof Y.XmlText) return node.length;
  if (node instanceof Y.XmlElement) {
    if (node.length === 0) return node.nodeName === 'paragraph' ? 2 : 1;
    return 2 + node.toArray().reduce((sum, child) => sum + nodeSize(child as Y.XmlElement | Y.XmlText), 0);
  }
  return 1;
}

/** The first section with text and an anchor over its first block that holds text. */
async function firstTextAnchor(deps: Deps, strategyId: string) {
  const outline = await strategyOutline(deps.db, strategyId);
  return await withStrategyDocument(deps, strategyId, (doc) => {
    for (const section of outline) {
      const fragment = doc.getXmlFragment(sectionFragmentName(section.key));
      let at = 0;
      for (const block of fragment.toArray()) {
        const size = nodeSize(block as Y.XmlElement | Y.XmlText);
        const anchor = anchorFromRange(fragment, at, at + size);
        if (anchor) return { sectionKey: section.key, anchor };
        at += size;
      }
    }
    return null;
  });
}

export type ReturnKind = keyof typeof RETURN_THREAD_LABELS;

/**
 * Makes the reasons for a return visible where the writers work: a comment thread by the one who
 * returned it, on the first block of text of the strategy. Runs after the return has committed; a
 * text without any words has nowhere to anchor a thread, and then the reasons live in the workflow
 * history alone (the process page shows them). Answers the thread id, or null.
 */
export async function recordReturnReasons(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  kind: ReturnKind,
  reason: string | null,
  locale: Locale,
): Promise<string | null> {
  const target = await firstTextAnchor(deps, strategyId);
  if (!target) return null;
  const label = workflowLabel(RETURN_THREAD_LABELS[kind], locale, await strategyExecutiveTitle(deps.db, strategyId));
  const body = reason ? `${label}: ${reason}` : `${label}.`;
  try {
    return await createThread(deps, strategyId, actor, {
      sectionKey: target.sectionKey,
      anchor: target.anchor,
      quote: '',
      body,
    });
  } catch (err) {
    // The return itself stands; its reasons are in the history even if the thread could not be made.
    deps.log.warn({ err, strategyId }, 'the reasons for a return could not be posted as a comment thread');
    return null;
  }
}
