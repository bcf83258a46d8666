import type { JSONContent } from '@tiptap/core';

export const LINT_RULE_IDS = [
  'period-too-long',
  'period-invalid',
  'length-too-long',
  'length-too-short',
  'area-missing-main-goal',
  'vision-missing',
  'vision-is-example',
  'measure-in-text',
  'section-empty',
  'open-comments-before-gate',
] as const;
/** Stable: the web keys its display and the export its report on these. */
export type LintRuleId = (typeof LINT_RULE_IDS)[number];

/** Findings advise; none blocks a gate. A warning asks for a change, info reports where the draft stands. */
export type Severity = 'warning' | 'info';

/** A section of the strategy's outline (the server's `sections` rows, or the template). */
export interface LintSection {
  key: string;
  title: string;
  parentKey: string | null;
  number?: string;
}

export interface LintInput {
  periodStart: number;
  periodEnd: number;
  /** Each section's text as ProseMirror JSON, by section key; a missing key counts as empty. */
  content: Readonly<Record<string, JSONContent | null | undefined>>;
  /** Defaults to the template's outline. */
  outline?: readonly LintSection[];
  /** The exported PDF's page count; when given it replaces the estimate from words. */
  pdfPageCount?: number;
  /** Open comment threads, when known; the caller passes it when a gate is near. */
  openCommentThreads?: number;
}

export type FindingParams = Readonly<Record<string, string | number>>;

export interface Finding {
  /** Unique within one result and stable across runs while the cause stays, for keyed lists. */
  id: string;
  ruleId: LintRuleId;
  severity: Severity;
  /** The section the finding links to; null for findings about the whole strategy. */
  sectionKey: string | null;
  /** Set when the finding is about one hovedmål or delmål. */
  goalId?: string;
  /** Which text in LINT_MESSAGES explains it (a rule may have variants). */
  messageKey: LintMessageKey;
  params: FindingParams;
}

export type LintMessageKey = LintRuleId | 'length-too-long:pdf' | 'length-too-short:pdf';
