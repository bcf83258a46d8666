import { realization } from '@samstrat/shared/benefit-realization';
import ExcelJS from 'exceljs';
import { budgetByYear, type MeasureStatus } from '@samstrat/shared/action-plans';
import { REPORT_LABELS } from '@samstrat/shared/action-plans-report';
import type { Locale } from '@samstrat/shared/errors';
import type { PlanView } from './read';

const KRONER = '#,##0';

/**
 * The annual report of one year's plan as an XLSX workbook (exceljs): goals with their measures
 * (owner, years, status, latest note, budget totals), the budget per measure and year with totals,
 * the indicators, and every status report. Figures are numbers in cells (whole kroner formatted with
 * thousands separators), never text, so the municipality can sum and chart them. `sections` names
 * the service areas by their outline titles.
 */
export async function renderPlanXlsx(
  view: PlanView,
  meta: { strategyTitle: string; municipality: string; sections: ReadonlyMap<string, string> },
  locale: Locale,
): Promise<Uint8Array> {
  const t = REPORT_LABELS[locale];
  const year = view.plan.year;
  const book = new ExcelJS.Workbook();
  book.creator = 'Samstrat';
  book.title = `${t.title(year)} – ${meta.strategyTitle}`;
  const status = (s: string) => t.statuses[s as MeasureStatus] ?? s;
  const sum = (lines: { investment: number; operating: number }[], key: 'investment' | 'operating') =>
    lines.reduce((total, line) => total + line[key], 0);

  const main = book.addWorksheet(t.sheets.measures);
  main.addRow([`${t.title(year)} – ${meta.strategyTitle}, ${meta.municipality}`]).font = { bold: true, size: 14 };
  main.addRow([]);
  const header = main.addRow([
    t.goal,
    t.measure,
    t.description,
    t.owner,
    t.unit,
    t.area,
    t.startYear,
    t.endYear,
    t.status,
    t.latestNote,
    t.investment,
    t.operating,
    t.expectedBenefit,
    t.changesWork,
    t.unionDiscussion,
  ]);
  header.font = { bold: true };
  const rowsFor = (goalText: string, measures: PlanView['measures']) => {
    for (const x of measures) {
      const latest = x.history.at(-1);
      const row = main.addRow([
        goalText,
        x.title,
        x.description,
        x.owner?.name ?? '',
        x.unitName,
        x.sectionKey ? (meta.sections.get(x.sectionKey) ?? x.sectionKey) : '',
        x.startYear,
        x.endYear,
        status(x.status),
        latest?.note ?? '',
        sum(x.budget, 'investment'),
        sum(x.budget, 'operating'),
        x.expectedBenefit,
        x.changesWork ? t.yes : t.no,
        x.unionDiscussion ? `${x.unionDiscussion.date}: ${x.unionDiscussion.participants}` : '',
      ]);
      row.getCell(11).numFmt = KRONER;
      row.getCell(12).numFmt = KRONER;
    }
  };
  for (const goal of view.goals) {
    const measures = view.measures.filter((x) => x.goalIds.includes(goal.goalId));
    if (measures.length) rowsFor(`${t.goalKind[goal.kind]}: ${goal.text}`, measures);
  }
  rowsFor(
    t.withoutGoal,
    view.measures.filter((x) => x.withoutGoal),
  );
  main.columns.forEach((column, i) => (column.width = [40, 36, 40, 28, 20, 24, 9, 9, 12, 40, 16, 16, 36, 12, 30][i]));

  const budget = book.addWorksheet(t.sheets.budget);
  budget.addRow([t.measure, t.year, t.investment, t.operating]).font = { bold: true };
  for (const x of view.measures)
    for (const line of x.budget) {
      const row = budget.addRow([x.title, line.year, line.investment, line.operating]);
      row.getCell(3).numFmt = KRONER;
      row.getCell(4).numFmt = KRONER;
    }
  budget.addRow([]);
  for (const total of budgetByYear(view.measures.map((x) => x.budget))) {
    const row = budget.addRow([t.total, total.year, total.investment, total.operating]);
    row.font = { bold: true };
    row.getCell(3).numFmt = KRONER;
    row.getCell(4).numFmt = KRONER;
  }
  budget.columns.forEach((column, i) => (column.width = [40, 8, 18, 18][i]));

  const indicators = book.addWorksheet(t.sheets.indicators);
  indicators.addRow([t.measure, t.indicator, t.indicatorUnit, t.baseline, t.target, t.actual(year), t.source]).font = {
    bold: true,
  };
  for (const x of view.measures)
    for (const indicator of x.indicators)
      indicators.addRow([
        x.title,
        indicator.name,
        indicator.unit,
        indicator.baseline,
        indicator.target,
        indicator.actual.find((a) => a.year === year)?.value ?? null,
        indicator.source,
      ]);
  indicators.columns.forEach((column, i) => (column.width = [40, 36, 12, 14, 14, 14, 28][i]));

  // Benefits realized against planned: each indicator's target against the year's actual value.
  const benefits = book.addWorksheet(t.sheets.benefits);
  benefits.addRow([
    t.measure,
    t.expectedBenefit,
    t.indicator,
    t.indicatorUnit,
    t.baseline,
    t.planned,
    t.realized(year),
    t.percentOfWay,
  ]).font = { bold: true };
  for (const x of view.measures)
    for (const indicator of x.indicators) {
      const r = realization(indicator, year);
      benefits.addRow([
        x.title,
        x.expectedBenefit,
        indicator.name,
        indicator.unit,
        r.baseline,
        r.planned,
        r.realized,
        r.percentOfWay,
      ]);
    }
  benefits.columns.forEach((column, i) => (column.width = [40, 40, 36, 12, 14, 16, 14, 18][i]));

  const history = book.addWorksheet(t.sheets.history);
  history.addRow([t.measure, t.date, t.status, t.note, t.by]).font = { bold: true };
  for (const x of view.measures)
    for (const entry of x.history)
      history.addRow([x.title, entry.at.slice(0, 10), status(entry.status), entry.note, entry.by?.name ?? '']);
  history.columns.forEach((column, i) => (column.width = [40, 12, 12, 50, 28][i]));

  return new Uint8Array(await book.xlsx.writeBuffer());
}
