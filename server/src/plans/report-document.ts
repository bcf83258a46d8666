import { createHash } from 'node:crypto';
import { budgetByYear, canonicalJson, MEASURE_FIELDS, type MeasureStatus } from '@samstrat/shared/action-plans';
import { REPORT_LABELS } from '@samstrat/shared/action-plans-report';
import { realization } from '@samstrat/shared/benefit-realization';
import type { Block, Chapter, ExportDocument } from '../export/document-model';
import type { PlanView } from './read';

const nb = REPORT_LABELS.nb;
const kroner = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 0 });
const PLAN_STATE_LABELS = { draft: 'Utkast', approved: 'Godkjent', followUp: 'Oppfølging' } as const;

const paragraph = (text: string): Block => ({ type: 'paragraph', inlines: [{ text }] });
const labelled = (label: string, text: string): Block => ({
  type: 'paragraph',
  inlines: [{ text: `${label}: `, bold: true }, { text }],
});

/** One measure as blocks: its title as a heading, then its facts, budget, indicators and latest note. */
function measureBlocks(x: PlanView['measures'][number], year: number, areas: ReadonlyMap<string, string>): Block[] {
  const status = nb.statuses[x.status as MeasureStatus] ?? x.status;
  const latest = x.history.at(-1);
  const out: Block[] = [{ type: 'heading', level: 4, inlines: [{ text: x.title }] }];
  if (x.description) out.push(paragraph(x.description));
  out.push(labelled(nb.status, latest?.note ? `${status} – ${latest.note}` : status));
  if (x.owner) out.push(labelled(nb.owner, x.unitName ? `${x.owner.name} (${x.unitName})` : x.owner.name));
  if (x.sectionKey) out.push(labelled(nb.area, areas.get(x.sectionKey) ?? x.sectionKey));
  out.push(labelled(`${nb.startYear}–${nb.endYear.toLowerCase()}`, `${x.startYear}–${x.endYear}`));
  if (x.budget.length)
    out.push({
      type: 'list',
      ordered: false,
      start: 1,
      items: x.budget.map((line) => [
        paragraph(
          `${line.year}: ${nb.investment} ${kroner.format(line.investment)}, ${nb.operating} ${kroner.format(line.operating)}`,
        ),
      ]),
    });
  if (x.expectedBenefit) out.push(labelled(nb.expectedBenefit, x.expectedBenefit));
  for (const indicator of x.indicators) {
    const actual = indicator.actual.find((a) => a.year === year)?.value;
    const figures = [
      `${nb.baseline} ${indicator.baseline ?? '–'}`,
      `${nb.target} ${indicator.target ?? '–'}`,
      `${nb.actual(year)} ${actual ?? '–'}`,
    ].join(', ');
    const unit = indicator.unit ? ` (${indicator.unit})` : '';
    const source = indicator.source ? `. ${nb.source}: ${indicator.source}` : '';
    out.push(labelled(`${nb.indicator} «${indicator.name}»${unit}`, `${figures}${source}`));
  }
  if (x.changesWork)
    out.push(
      labelled(
        nb.changesWork,
        x.unionDiscussion
          ? `${nb.unionDiscussion} ${x.unionDiscussion.date} (${x.unionDiscussion.participants})`
          : `${nb.unionDiscussion}: ${nb.no}`,
      ),
    );
  return out;
}

/**
 * The annual report of one year's plan as the strategy export's document model, so DOCX and the
 * tagged PDF come from the same renderers and tagging as the strategy: a chapter per goal with its
 * measures, one for the measures whose goals left the text, and one for the budget per year.
 * Written in bokmål, like the strategy export. `areas` names sections by number and title.
 */
export function planReportDocument(
  view: PlanView,
  meta: { strategyTitle: string; municipality: string; areas: ReadonlyMap<string, string>; generatedAt?: Date },
): ExportDocument {
  const year = view.plan.year;
  const chapters: Chapter[] = [];
  let n = 0;
  for (const goal of view.goals) {
    const measures = view.measures.filter((x) => x.goalIds.includes(goal.goalId));
    if (measures.length === 0) continue;
    n += 1;
    chapters.push({
      key: `mal-${goal.goalId}`,
      number: String(n),
      title: `${nb.goalKind[goal.kind]}: ${goal.text}`,
      level: 1,
      heading: `${n} ${nb.goalKind[goal.kind]}: ${goal.text}`,
      blocks: [
        paragraph(`${goal.sectionNumber} ${goal.sectionTitle}`.trim()),
        ...measures.flatMap((x) => measureBlocks(x, year, meta.areas)),
      ],
    });
  }
  const orphans = view.measures.filter((x) => x.withoutGoal);
  if (orphans.length) {
    n += 1;
    chapters.push({
      key: 'uten-mal',
      number: String(n),
      title: nb.withoutGoal,
      level: 1,
      heading: `${n} ${nb.withoutGoal}`,
      blocks: orphans.flatMap((x) => measureBlocks(x, year, meta.areas)),
    });
  }
  n += 1;
  chapters.push({
    key: 'budsjett',
    number: String(n),
    title: nb.sheets.budget,
    level: 1,
    heading: `${n} ${nb.sheets.budget}`,
    blocks: budgetByYear(view.measures.map((x) => x.budget)).map((t) =>
      labelled(
        `${nb.total} ${t.year}`,
        `${nb.investment} ${kroner.format(t.investment)}, ${nb.operating} ${kroner.format(t.operating)}`,
      ),
    ),
  });
  const realized = view.measures.flatMap((x) =>
    x.indicators.map((indicator) => {
      const r = realization(indicator, year);
      const unit = indicator.unit ? ` ${indicator.unit}` : '';
      const figure = (v: number | null) => (v === null ? '–' : `${v}${unit}`);
      const share =
        r.percentOfWay === null ? '' : `, ${nb.percentOfWay.replace(' (%)', '').toLowerCase()} ${r.percentOfWay} %`;
      return labelled(
        `${x.title} – ${indicator.name}`,
        `${nb.planned} ${figure(r.planned)}, ${nb.realized(year).toLowerCase()} ${figure(r.realized)}${share}`,
      );
    }),
  );
  if (realized.length) {
    n += 1;
    chapters.push({
      key: 'gevinster',
      number: String(n),
      title: nb.benefitsHeading,
      level: 1,
      heading: `${n} ${nb.benefitsHeading}`,
      blocks: realized,
    });
  }
  const content = view.measures.map((x) => [x.status, ...MEASURE_FIELDS.map((f) => x[f])]);
  return {
    lang: 'nb-NO',
    title: `${nb.title(year)} – ${meta.strategyTitle}`,
    municipality: meta.municipality,
    period: String(year),
    status: { stage: view.plan.state, label: PLAN_STATE_LABELS[view.plan.state], details: [] },
    version: null,
    contentHash: createHash('sha256').update(canonicalJson(content)).digest('hex'),
    generatedAt: meta.generatedAt ?? new Date(),
    chapters,
  };
}
