import type { Locale } from './errors';
import type { MeasureStatus } from './action-plans';

/**
 * The words of the annual report (årsrapport) of an action plan, in each language the API answers
 * in. The report is read outside the app, so its headings and statuses are spelled out here for the
 * server's exports, as the error catalogue is.
 */
export interface ReportLabels {
  title: (year: number) => string;
  sheets: { measures: string; budget: string; indicators: string; history: string; benefits: string };
  /** The report's chapter on benefits (a sheet name may hold no colon, so it is shorter). */
  benefitsHeading: string;
  /** Benefits realized against planned: the indicators' targets against the year's actual values. */
  planned: string;
  realized: (year: number) => string;
  percentOfWay: string;
  goal: string;
  goalKind: { main: string; sub: string };
  withoutGoal: string;
  measure: string;
  description: string;
  owner: string;
  unit: string;
  area: string;
  startYear: string;
  endYear: string;
  status: string;
  latestNote: string;
  investment: string;
  operating: string;
  expectedBenefit: string;
  changesWork: string;
  unionDiscussion: string;
  year: string;
  total: string;
  indicator: string;
  indicatorUnit: string;
  baseline: string;
  target: string;
  actual: (year: number) => string;
  source: string;
  date: string;
  note: string;
  by: string;
  yes: string;
  no: string;
  statuses: Record<MeasureStatus, string>;
}

export const REPORT_LABELS: Record<Locale, ReportLabels> = {
  nb: {
    title: (year) => `Årsrapport for handlingsplanen ${year}`,
    sheets: {
      measures: 'Mål og tiltak',
      budget: 'Budsjett',
      indicators: 'Indikatorer',
      history: 'Statushistorikk',
      benefits: 'Gevinster',
    },
    benefitsHeading: 'Gevinster: planlagt og realisert',
    planned: 'Planlagt (målverdi)',
    realized: (year) => `Realisert ${year}`,
    percentOfWay: 'Andel av veien til målet (%)',
    goal: 'Mål',
    goalKind: { main: 'Hovedmål', sub: 'Delmål' },
    withoutGoal: 'Uten mål',
    measure: 'Tiltak',
    description: 'Beskrivelse',
    owner: 'Ansvarlig',
    unit: 'Enhet',
    area: 'Område',
    startYear: 'Startår',
    endYear: 'Sluttår',
    status: 'Status',
    latestNote: 'Siste merknad',
    investment: 'Investering (kr)',
    operating: 'Drift (kr)',
    expectedBenefit: 'Forventet gevinst',
    changesWork: 'Endrer folks arbeid',
    unionDiscussion: 'Drøftet med tillitsvalgte',
    year: 'År',
    total: 'Sum',
    indicator: 'Indikator',
    indicatorUnit: 'Måleenhet',
    baseline: 'Utgangsverdi',
    target: 'Målverdi',
    actual: (year) => `Resultat ${year}`,
    source: 'Kilde',
    date: 'Dato',
    note: 'Merknad',
    by: 'Rapportert av',
    yes: 'Ja',
    no: 'Nei',
    statuses: { planned: 'Planlagt', started: 'Startet', done: 'Fullført', postponed: 'Utsatt', stopped: 'Stanset' },
  },
  nn: {
    title: (year) => `Årsrapport for handlingsplanen ${year}`,
    sheets: {
      measures: 'Mål og tiltak',
      budget: 'Budsjett',
      indicators: 'Indikatorar',
      history: 'Statushistorikk',
      benefits: 'Gevinstar',
    },
    benefitsHeading: 'Gevinstar: planlagt og realisert',
    planned: 'Planlagt (målverdi)',
    realized: (year) => `Realisert ${year}`,
    percentOfWay: 'Del av vegen til målet (%)',
    goal: 'Mål',
    goalKind: { main: 'Hovudmål', sub: 'Delmål' },
    withoutGoal: 'Utan mål',
    measure: 'Tiltak',
    description: 'Skildring',
    owner: 'Ansvarleg',
    unit: 'Eining',
    area: 'Område',
    startYear: 'Startår',
    endYear: 'Sluttår',
    status: 'Status',
    latestNote: 'Siste merknad',
    investment: 'Investering (kr)',
    operating: 'Drift (kr)',
    expectedBenefit: 'Forventa gevinst',
    changesWork: 'Endrar arbeidet til folk',
    unionDiscussion: 'Drøfta med tillitsvalde',
    year: 'År',
    total: 'Sum',
    indicator: 'Indikator',
    indicatorUnit: 'Måleeining',
    baseline: 'Utgangsverdi',
    target: 'Målverdi',
    actual: (year) => `Resultat ${year}`,
    source: 'Kjelde',
    date: 'Dato',
    note: 'Merknad',
    by: 'Rapportert av',
    yes: 'Ja',
    no: 'Nei',
    statuses: { planned: 'Planlagt', started: 'Starta', done: 'Fullført', postponed: 'Utsett', stopped: 'Stansa' },
  },
  en: {
    title: (year) => `Annual report of the action plan ${year}`,
    sheets: {
      measures: 'Goals and measures',
      budget: 'Budget',
      indicators: 'Indicators',
      history: 'Status history',
      benefits: 'Benefits',
    },
    benefitsHeading: 'Benefits: planned and realized',
    planned: 'Planned (target)',
    realized: (year) => `Realized ${year}`,
    percentOfWay: 'Share of the way to the target (%)',
    goal: 'Goal',
    goalKind: { main: 'Main goal', sub: 'Sub-goal' },
    withoutGoal: 'Without goal',
    measure: 'Measure',
    description: 'Description',
    owner: 'Responsible',
    unit: 'Unit',
    area: 'Area',
    startYear: 'Start year',
    endYear: 'End year',
    status: 'Status',
    latestNote: 'Latest note',
    investment: 'Investment (NOK)',
    operating: 'Operating (NOK)',
    expectedBenefit: 'Expected benefit',
    changesWork: "Changes people's work",
    unionDiscussion: 'Discussed with union representatives',
    year: 'Year',
    total: 'Total',
    indicator: 'Indicator',
    indicatorUnit: 'Unit of measure',
    baseline: 'Baseline',
    target: 'Target',
    actual: (year) => `Actual ${year}`,
    source: 'Source',
    date: 'Date',
    note: 'Note',
    by: 'Reported by',
    yes: 'Yes',
    no: 'No',
    statuses: { planned: 'Planned', started: 'Started', done: 'Done', postponed: 'Postponed', stopped: 'Stopped' },
  },
};
