import type { JSONContent } from '@tiptap/core';
import { and, asc, eq } from 'drizzle-orm';
import { contentHash } from '@samstrat/shared/content-hash';
import { GOAL_LABELS, type VersionSection } from '@samstrat/shared/diff';
import { executiveWords } from '@samstrat/shared/executive-title';
import { DECISION_LABELS, isStage, STAGE_LABELS, workflowLabel } from '@samstrat/shared/workflow';
import type { Deps } from '../context';
import { strategies, users } from '../db/schema';
import { politicalDecisions, strategyWorkflows, workflowHistory } from '../db/schema-workflow';
import { notFound } from '../errors';
import { strategyContent } from '../strategies/content';
import { strategyExecutiveTitle } from '../strategies/executive-title';
import { getVersion, type VersionSummary } from '../versions/versions';

// One intermediate model of the document, built from the outline and the text, rendered three ways
// (DOCX, PDF, Markdown), so the three exports cannot drift apart in what they contain. It holds no
// role labels: an export leaves the strategy, and a role label can reveal union membership.

export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  href?: string;
}

export type Block =
  | { type: 'heading'; level: 3 | 4; inlines: Inline[] }
  | { type: 'paragraph'; inlines: Inline[] }
  | { type: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { type: 'quote'; blocks: Block[] }
  | { type: 'goal'; kind: 'main' | 'sub'; label: string; goalId: string | null; inlines: Inline[] };

export interface Chapter {
  key: string;
  number: string;
  title: string;
  /** 1 for a chapter, 2 for a section under it (4.1 Kommuneportal). */
  level: 1 | 2;
  /** "4.1 Kommuneportal": how the heading, the table of contents and the bookmarks read. */
  heading: string;
  blocks: Block[];
}

export type ExportLang = 'nb-NO' | 'nn-NO';

/** The language tag of a strategy's documents from its stored written form; anything but 'nn' is bokmål. */
export const exportLang = (writtenForm: string): ExportLang => (writtenForm === 'nn' ? 'nn-NO' : 'nb-NO');

export interface ExportDocument {
  /**
   * BCP 47, for the DOCX w:lang, the PDF /Lang and the Markdown front matter: the strategy's
   * written form, bokmål 'nb-NO' or nynorsk 'nn-NO'.
   */
  lang: ExportLang;
  title: string;
  municipality: string;
  period: string;
  status: { stage: string; label: string; details: string[] };
  /** The version exported, when it is not the current text. */
  version: { number: number; name: string | null; createdAt: Date } | null;
  contentHash: string;
  /** When the export was made; printed for the current text, which has no version date. */
  generatedAt: Date;
  chapters: Chapter[];
}

/**
 * Labels in the exported document itself, in the strategy's written form whoever exports it:
 * bokmål (`LABELS`) or nynorsk.
 */
export const LABELS = {
  contents: 'Innhold',
  period: 'Periode',
  status: 'Status',
  version: 'Versjon',
  exportedText: 'Gjeldende tekst',
  contentHash: 'Innholdskontroll (SHA-256)',
  page: 'Side',
  of: 'av',
  goal: GOAL_LABELS,
};
export type ExportLabels = typeof LABELS;

const NYNORSK_LABELS: ExportLabels = {
  contents: 'Innhald',
  period: 'Periode',
  status: 'Status',
  version: 'Versjon',
  exportedText: 'Gjeldande tekst',
  contentHash: 'Innhaldskontroll (SHA-256)',
  page: 'Side',
  of: 'av',
  goal: { main: 'Hovudmål', sub: 'Delmål' },
};

/** The labels of a document in `lang` ('nb-NO' bokmål, 'nn-NO' nynorsk). */
export function exportLabels(doc: { lang: ExportLang }): ExportLabels {
  return doc.lang === 'nn-NO' ? NYNORSK_LABELS : LABELS;
}

const dateFormat = new Intl.DateTimeFormat('nb-NO', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Oslo',
});
const dateTimeFormat = new Intl.DateTimeFormat('nb-NO', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Oslo',
});

export const formatDate = (date: Date) => dateFormat.format(date);
export const formatDateTime = (date: Date) => dateTimeFormat.format(date);

function inlines(node: JSONContent, marks: Omit<Inline, 'text'> = {}): Inline[] {
  if (node.type === 'text') {
    const style = { ...marks };
    for (const mark of node.marks ?? []) {
      if (mark.type === 'bold') style.bold = true;
      else if (mark.type === 'italic') style.italic = true;
      else if (mark.type === 'underline') style.underline = true;
      else if (mark.type === 'strike') style.strike = true;
      else if (mark.type === 'link' && typeof mark.attrs?.href === 'string') style.href = mark.attrs.href;
    }
    return node.text ? [{ text: node.text, ...style }] : [];
  }
  if (node.type === 'hardBreak') return [{ text: '\n', ...marks }];
  return (node.content ?? []).flatMap((child) => inlines(child, marks));
}

const hasText = (runs: Inline[]) => runs.some((run) => run.text.trim() !== '');

function blocks(nodes: JSONContent[] | undefined, labels: ExportLabels): Block[] {
  return (nodes ?? []).flatMap((node): Block[] => {
    switch (node.type) {
      case 'paragraph': {
        const runs = inlines(node);
        // Empty paragraphs are spacing in the editor, not content of the document.
        return hasText(runs) ? [{ type: 'paragraph', inlines: runs }] : [];
      }
      case 'heading': {
        const runs = inlines(node);
        const level = node.attrs?.level === 4 ? 4 : 3;
        return hasText(runs) ? [{ type: 'heading', level, inlines: runs }] : [];
      }
      case 'bulletList':
      case 'orderedList': {
        const items = (node.content ?? [])
          .map((item) => blocks(item.content, labels))
          .filter((item) => item.length > 0);
        const start = typeof node.attrs?.start === 'number' ? node.attrs.start : 1;
        return items.length ? [{ type: 'list', ordered: node.type === 'orderedList', start, items }] : [];
      }
      case 'blockquote': {
        const inner = blocks(node.content, labels);
        return inner.length ? [{ type: 'quote', blocks: inner }] : [];
      }
      case 'mainGoal':
      case 'subGoal': {
        const kind = node.type === 'mainGoal' ? 'main' : 'sub';
        const goalId = typeof node.attrs?.goalId === 'string' ? node.attrs.goalId : null;
        const runs = inlines(node);
        return hasText(runs) ? [{ type: 'goal', kind, label: `${labels.goal[kind]}:`, goalId, inlines: runs }] : [];
      }
      default: {
        // A node this exporter does not know still has its words exported.
        const runs = inlines(node);
        return hasText(runs) ? [{ type: 'paragraph', inlines: runs }] : [];
      }
    }
  });
}

/** The outline and text as chapters; goal labels in `lang` (bokmål unless given). */
export function chapters(sections: readonly VersionSection[], lang: ExportLang = 'nb-NO'): Chapter[] {
  const labels = exportLabels({ lang });
  return sections.map((section) => ({
    key: section.key,
    number: section.number,
    title: section.title,
    level: section.parentKey ? 2 : 1,
    heading: `${section.number} ${section.title}`.trim(),
    blocks: blocks(section.content.content, labels),
  }));
}

/**
 * The approvals and the political decision that concern exactly the exported text, for the title
 * page: the steering group's and the executive's approvals (from the workflow's timeline, by content
 * hash) and the councils' decisions on that text. Names the office, never a member's role: by the
 * strategy's organization's `executiveTitle` ("Godkjent av rådmannen").
 */
export async function statusDetails(
  deps: Deps,
  strategyId: string,
  hash: string,
  lang: ExportLang,
  executiveTitle: string | null,
): Promise<string[]> {
  const nn = lang === 'nn-NO';
  const details: string[] = [];
  const executive = executiveWords(executiveTitle, nn ? 'nn' : 'nb');
  const steps = await deps.db
    .select({ from: workflowHistory.fromStage, to: workflowHistory.toStage, at: workflowHistory.at, by: users.name })
    .from(workflowHistory)
    .leftJoin(users, eq(users.id, workflowHistory.actorId))
    .where(and(eq(workflowHistory.strategyId, strategyId), eq(workflowHistory.contentHash, hash)))
    .orderBy(asc(workflowHistory.id));
  const steering = steps.filter((step) => step.from === 'styringsgruppe' && step.to === 'godkjenning').at(-1);
  if (steering) {
    details.push(`${nn ? 'Godkjend av styringsgruppa' : 'Godkjent av styringsgruppen'} ${formatDate(steering.at)}`);
  }
  const approval = steps.filter((step) => step.from === 'godkjenning' && step.to !== 'utkast').at(-1);
  if (approval) {
    details.push(
      `${nn ? 'Godkjend' : 'Godkjent'} av ${executive.executiveDefinite}${approval.by ? ` (${approval.by})` : ''} ${formatDate(approval.at)}`,
    );
  }
  const workflow = (
    await deps.db
      .select({ round: strategyWorkflows.round, candidateHash: strategyWorkflows.candidateHash })
      .from(strategyWorkflows)
      .where(eq(strategyWorkflows.strategyId, strategyId))
      .limit(1)
  )[0];
  if (workflow?.candidateHash === hash) {
    const decisions = await deps.db
      .select()
      .from(politicalDecisions)
      .where(and(eq(politicalDecisions.strategyId, strategyId), eq(politicalDecisions.round, workflow.round)))
      .orderBy(asc(politicalDecisions.at));
    for (const d of decisions) {
      const meeting = new Date(`${d.meetingDate}T12:00:00Z`);
      const when = Number.isNaN(meeting.getTime()) ? d.meetingDate : formatDate(meeting);
      details.push(
        `${DECISION_LABELS[d.decision][nn ? 'nn' : 'nb']} i ${d.council} ${when}, saksnummer ${d.saksnummer}`,
      );
    }
  }
  return details;
}

/**
 * The model of the strategy's current text, or of one of its versions. The caller has checked the
 * reader may export the strategy; an unknown version is a 404.
 */
export async function buildExportDocument(deps: Deps, strategyId: string, versionId?: string): Promise<ExportDocument> {
  const strategy = (await deps.db.select().from(strategies).where(eq(strategies.id, strategyId)).limit(1))[0];
  if (!strategy) throw notFound();
  const executiveTitle = await strategyExecutiveTitle(deps.db, strategyId);
  let sections: VersionSection[];
  let version: VersionSummary | null = null;
  if (versionId) {
    const found = await getVersion(deps, strategyId, versionId);
    if (!found) throw notFound();
    ({ sections, ...version } = found);
  } else {
    sections = await strategyContent(deps, strategyId);
  }
  const hash = version?.contentHash ?? contentHash(sections);
  const stage = version?.stage ?? strategy.stage;
  const lang = exportLang(strategy.writtenForm);
  const form = lang === 'nn-NO' ? 'nn' : 'nb';
  return {
    lang,
    title: strategy.title,
    municipality: strategy.municipality,
    period: `${strategy.periodStart}–${strategy.periodEnd}`,
    status: {
      stage,
      label: isStage(stage) ? workflowLabel(STAGE_LABELS[stage], form, executiveTitle) : stage,
      details: await statusDetails(deps, strategyId, hash, lang, executiveTitle),
    },
    version: version ? { number: version.number, name: version.name, createdAt: new Date(version.createdAt) } : null,
    contentHash: hash,
    generatedAt: new Date(),
    chapters: chapters(sections, lang),
  };
}

/** The lines under the title on the title page, the same in every format. */
export function titlePageLines(doc: ExportDocument): string[] {
  const labels = exportLabels(doc);
  const versionLine = doc.version
    ? `${labels.version} ${doc.version.number}${doc.version.name ? ` «${doc.version.name}»` : ''}, ${formatDateTime(doc.version.createdAt)}`
    : `${labels.exportedText}, ${formatDateTime(doc.generatedAt)}`;
  return [
    `${labels.period}: ${doc.period}`,
    `${labels.status}: ${doc.status.label}`,
    ...doc.status.details,
    versionLine,
  ];
}

/** A file name for the download: the title in ASCII, the version if any, the format's extension. */
export function exportFileName(doc: ExportDocument, extension: string): string {
  const base = `${doc.municipality} ${doc.title}`
    .replace(/æ/gi, (m) => (m === 'æ' ? 'ae' : 'Ae'))
    .replace(/ø/gi, (m) => (m === 'ø' ? 'o' : 'O'))
    .replace(/å/gi, (m) => (m === 'å' ? 'a' : 'A'))
    .replace(/[–—]/g, '-')
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-');
  return `${base}${doc.version ? `-v${doc.version.number}` : ''}.${extension}`;
}
