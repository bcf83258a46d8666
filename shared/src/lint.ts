// Quality checks from the seed's advice on what a good strategy is: short, 3–4 years, a vision of
// its own, a hovedmål in every area, goals only and no measures. Pure functions over the strategy's
// content and metadata: the web runs them live as people type, the server before a gate.
import { LINT_RULES, lintContext } from './lint/rules';
import type { Finding, LintInput } from './lint/types';

export * from './lint/types';
export { LINT_MESSAGES, MEASURE_SIGNAL_LABELS, lintText, type LintText } from './lint/messages';
export { looksLikeMeasure, measureSignals, type MeasureSignal, type MeasureSignalKind } from './lint/measures';
export {
  TARGET_PAGES,
  WORDS_PER_PAGE,
  isAppendix,
  requiresMainGoal,
  sectionLabel,
  strategyWordCount,
  lintContext,
} from './lint/rules';
export { countWords, textBlocks } from './lint/text';
export { measureToMove, splitSentences, type MeasureToMove } from './lint/move-measure';

/** Every finding for the strategy, whole-strategy findings first, then in outline order. */
export function lintStrategy(input: LintInput): Finding[] {
  const context = lintContext(input);
  const findings = LINT_RULES.flatMap((rule) => rule(context));
  const position = new Map(context.outline.map((section, index) => [section.key, index]));
  // Stable sort: within a section the rules' own order stays.
  return findings.sort(
    (a, b) =>
      (a.sectionKey === null ? -1 : (position.get(a.sectionKey) ?? Infinity)) -
      (b.sectionKey === null ? -1 : (position.get(b.sectionKey) ?? Infinity)),
  );
}
