// The summary tables the benefit page and the status comparison insert into the appendix. The
// editor schema has no table node, so a table becomes a heading, a lead paragraph and a list, one
// item per row; that also reads well in the export and to a screen reader.
import type { JSONContent } from '@tiptap/core';
import {
  BENEFIT_ITEMS,
  ORGANIZATION_SHARE_OF_POTENTIAL,
  type BenefitInput,
  type BenefitItem,
  type BenefitResult,
} from './benefits';
import type { Locale } from './errors';
import { SIZE_BAND_LABELS, type StatusComparison } from './status';

const NUMBER_LOCALES: Record<Locale, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

export function formatKroner(value: number, locale: Locale): string {
  const figure = Math.round(value).toLocaleString(NUMBER_LOCALES[locale]);
  return locale === 'en' ? `NOK ${figure}` : `${figure} kr`;
}

const formatNumber = (value: number, locale: Locale) =>
  (Math.round(value * 10) / 10).toLocaleString(NUMBER_LOCALES[locale]);
const signed = (value: number, locale: Locale) =>
  `${value > 0 ? '+' : value < 0 ? '−' : '±'}${formatNumber(Math.abs(value), locale)}`;

const text = (value: string): JSONContent => ({ type: 'text', text: value });
const heading = (level: 3 | 4, value: string): JSONContent => ({
  type: 'heading',
  attrs: { level },
  content: [text(value)],
});
const paragraph = (value: string): JSONContent => ({ type: 'paragraph', content: [text(value)] });
const bulletList = (items: string[]): JSONContent => ({
  type: 'bulletList',
  content: items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })),
});

type Fill = Record<string, string>;
const fill = (template: string, values: Fill) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

export const BENEFIT_ITEM_LABELS: Record<BenefitItem, Record<Locale, string>> = {
  inquiries: {
    nb: 'Henvendelser flyttet til digital selvbetjening',
    nn: 'Førespurnader flytta til digital sjølvbetening',
    en: 'Inquiries moved to digital self-service',
  },
  supplierInvoices: {
    nb: 'Elektronisk leverandørfaktura i stedet for skanning',
    nn: 'Elektronisk leverandørfaktura i staden for skanning',
    en: 'Electronic supplier invoices instead of scanning',
  },
  outgoingLetters: {
    nb: 'Digital utsending av brev',
    nn: 'Digital utsending av brev',
    en: 'Letters sent digitally',
  },
  incomingLetters: {
    nb: 'Digitalt mottak av brev',
    nn: 'Digitalt mottak av brev',
    en: 'Letters received digitally',
  },
};

type BenefitText = 'title' | 'lead' | 'item' | 'profile' | 'year' | 'period' | 'organization' | 'sources';
const BENEFIT_TEXTS: Record<Locale, Record<BenefitText, string>> = {
  nb: {
    title: 'Gevinstberegning',
    lead: 'Beregnet årlig gevinst når gevinstene er fullt realisert: {total}, {perInhabitant} per innbygger ({inhabitants} innbyggere).',
    item: '{label}: {annual} per år ({perInhabitant} per innbygger)',
    profile: 'Kostnader og effekt per år',
    year: '{year}: kostnad {cost}, effekt {effect} ({realised} % realisert)',
    period: 'Sum for perioden: kostnad {cost}, effekt {effect}, netto {net}.',
    organization:
      'Endringer i organisasjon og prosesser utgjør {share} % av gevinstpotensialet ved bruk av IKT. Gevinstene kommer ikke av teknologien alene.',
    sources: 'Forutsetninger og kilder',
  },
  nn: {
    title: 'Gevinstutrekning',
    lead: 'Utrekna årleg gevinst når gevinstane er fullt realiserte: {total}, {perInhabitant} per innbyggjar ({inhabitants} innbyggjarar).',
    item: '{label}: {annual} per år ({perInhabitant} per innbyggjar)',
    profile: 'Kostnader og effekt per år',
    year: '{year}: kostnad {cost}, effekt {effect} ({realised} % realisert)',
    period: 'Sum for perioden: kostnad {cost}, effekt {effect}, netto {net}.',
    organization:
      'Endringar i organisasjon og prosessar utgjer {share} % av gevinstpotensialet ved bruk av IKT. Gevinstane kjem ikkje av teknologien åleine.',
    sources: 'Føresetnader og kjelder',
  },
  en: {
    title: 'Benefit calculation',
    lead: 'Estimated yearly benefit once fully realised: {total}, {perInhabitant} per inhabitant ({inhabitants} inhabitants).',
    item: '{label}: {annual} a year ({perInhabitant} per inhabitant)',
    profile: 'Cost and effect by year',
    year: '{year}: cost {cost}, effect {effect} ({realised}% realised)',
    period: 'Total for the period: cost {cost}, effect {effect}, net {net}.',
    organization:
      'Changes in organization and processes make up {share}% of the benefit potential of ICT. The benefits do not come from technology alone.',
    sources: 'Assumptions and sources',
  },
};

/** A figure of the input and its label, for the sources list. Labels follow the benefit page's form. */
export const BENEFIT_FIGURE_LABELS: Record<Locale, Record<string, string>> = {
  nb: {
    inhabitants: 'Innbyggere',
    'inquiries.personal': 'Personlige henvendelser per år',
    'inquiries.phone': 'Telefonhenvendelser per år',
    'inquiries.letter': 'Henvendelser per brev og e-post per år',
    'costPerInquiry.personal': 'Kostnad per personlig henvendelse (kr)',
    'costPerInquiry.phone': 'Kostnad per telefonhenvendelse (kr)',
    'costPerInquiry.letter': 'Kostnad per henvendelse per brev og e-post (kr)',
    'costPerInquiry.digital': 'Kostnad per digital henvendelse (kr)',
    digitalShare: 'Andel henvendelser som blir digitale (%)',
    'supplierInvoices.perYear': 'Leverandørfakturaer per år',
    'supplierInvoices.electronicShare': 'Andel elektroniske fakturaer (%)',
    'supplierInvoices.savingPerInvoice': 'Besparelse per faktura (kr)',
    'outgoingLetters.perYear': 'Utgående brev per år',
    'outgoingLetters.digitalShare': 'Andel utgående brev sendt digitalt (%)',
    'outgoingLetters.savingPerLetter': 'Besparelse per utgående brev (kr)',
    'incomingLetters.perYear': 'Inngående brev per år',
    'incomingLetters.digitalShare': 'Andel inngående brev mottatt digitalt (%)',
    'incomingLetters.savingPerLetter': 'Besparelse per inngående brev (kr)',
    rampUp: 'Realisert andel av gevinsten per år (%)',
    costs: 'Kostnader per år (kr)',
  },
  nn: {
    inhabitants: 'Innbyggjarar',
    'inquiries.personal': 'Personlege førespurnader per år',
    'inquiries.phone': 'Telefonførespurnader per år',
    'inquiries.letter': 'Førespurnader per brev og e-post per år',
    'costPerInquiry.personal': 'Kostnad per personleg førespurnad (kr)',
    'costPerInquiry.phone': 'Kostnad per telefonførespurnad (kr)',
    'costPerInquiry.letter': 'Kostnad per førespurnad per brev og e-post (kr)',
    'costPerInquiry.digital': 'Kostnad per digital førespurnad (kr)',
    digitalShare: 'Del førespurnader som blir digitale (%)',
    'supplierInvoices.perYear': 'Leverandørfakturaer per år',
    'supplierInvoices.electronicShare': 'Del elektroniske fakturaer (%)',
    'supplierInvoices.savingPerInvoice': 'Innsparing per faktura (kr)',
    'outgoingLetters.perYear': 'Utgåande brev per år',
    'outgoingLetters.digitalShare': 'Del utgåande brev sende digitalt (%)',
    'outgoingLetters.savingPerLetter': 'Innsparing per utgåande brev (kr)',
    'incomingLetters.perYear': 'Inngåande brev per år',
    'incomingLetters.digitalShare': 'Del inngåande brev motteke digitalt (%)',
    'incomingLetters.savingPerLetter': 'Innsparing per inngåande brev (kr)',
    rampUp: 'Realisert del av gevinsten per år (%)',
    costs: 'Kostnader per år (kr)',
  },
  en: {
    inhabitants: 'Inhabitants',
    'inquiries.personal': 'Personal inquiries a year',
    'inquiries.phone': 'Phone inquiries a year',
    'inquiries.letter': 'Letter and e-mail inquiries a year',
    'costPerInquiry.personal': 'Cost per personal inquiry (NOK)',
    'costPerInquiry.phone': 'Cost per phone inquiry (NOK)',
    'costPerInquiry.letter': 'Cost per letter or e-mail inquiry (NOK)',
    'costPerInquiry.digital': 'Cost per digital inquiry (NOK)',
    digitalShare: 'Share of inquiries going digital (%)',
    'supplierInvoices.perYear': 'Supplier invoices a year',
    'supplierInvoices.electronicShare': 'Share of electronic invoices (%)',
    'supplierInvoices.savingPerInvoice': 'Saving per invoice (NOK)',
    'outgoingLetters.perYear': 'Outgoing letters a year',
    'outgoingLetters.digitalShare': 'Share of outgoing letters sent digitally (%)',
    'outgoingLetters.savingPerLetter': 'Saving per outgoing letter (NOK)',
    'incomingLetters.perYear': 'Incoming letters a year',
    'incomingLetters.digitalShare': 'Share of incoming letters received digitally (%)',
    'incomingLetters.savingPerLetter': 'Saving per incoming letter (NOK)',
    rampUp: 'Share of the benefit realised each year (%)',
    costs: 'Costs by year (NOK)',
  },
};

/** Every figure of the input with its path (as in BENEFIT_FIGURE_LABELS), value and source. */
export function benefitFigures(input: BenefitInput): { path: string; value: number | number[]; source: string }[] {
  const figures: { path: string; value: number | number[]; source: string }[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (!node || typeof node !== 'object') return;
    if ('value' in node && 'source' in node) {
      figures.push({ path: path.join('.'), value: node.value as number | number[], source: String(node.source) });
      return;
    }
    for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
  };
  walk(input, []);
  return figures;
}

/** The benefit summary as editor blocks: totals per item, the year-by-year profile and the sources. */
export function benefitSummaryContent(
  input: BenefitInput,
  result: BenefitResult,
  locale: Locale = 'nb',
): JSONContent[] {
  const t = BENEFIT_TEXTS[locale];
  const kr = (value: number) => formatKroner(value, locale);
  const itemLines = BENEFIT_ITEMS.map((name) => {
    const item = result.items.find((i) => i.item === name);
    return fill(t.item, {
      label: BENEFIT_ITEM_LABELS[name][locale],
      annual: kr(item?.annual ?? 0),
      perInhabitant: kr(item?.perInhabitant ?? 0),
    });
  });
  const yearLines = result.years.map((y) =>
    fill(t.year, {
      year: y.year === null ? String(y.index) : String(y.year),
      cost: kr(y.cost),
      effect: kr(y.effect),
      realised: formatNumber(y.realised, locale),
    }),
  );
  const labels = BENEFIT_FIGURE_LABELS[locale];
  const sourceLines = benefitFigures(input).map(({ path, value, source }) => {
    const shown = Array.isArray(value)
      ? value.map((v) => formatNumber(v, locale)).join(' / ')
      : formatNumber(value, locale);
    return `${labels[path] ?? path}: ${shown}${source ? ` – ${source}` : ''}`;
  });
  return [
    heading(3, t.title),
    paragraph(
      fill(t.lead, {
        total: kr(result.annualTotal),
        perInhabitant: kr(result.annualPerInhabitant),
        inhabitants: formatNumber(input.inhabitants.value, locale),
      }),
    ),
    bulletList(itemLines),
    heading(4, t.profile),
    bulletList(yearLines),
    paragraph(
      fill(t.period, {
        cost: kr(result.periodTotals.cost),
        effect: kr(result.periodTotals.effect),
        net: kr(result.periodTotals.net),
      }),
    ),
    paragraph(fill(t.organization, { share: String(ORGANIZATION_SHARE_OF_POTENTIAL) })),
    heading(4, t.sources),
    bulletList(sourceLines),
  ];
}

type StatusText = 'title' | 'own' | 'unscored' | 'row' | 'difference' | 'ownBand' | 'source';
const STATUS_TEXTS: Record<Locale, Record<StatusText, string>> = {
  nb: {
    title: 'IKT-status sammenlignet med eKommune-kartleggingen 2011',
    own: 'Vår kommune: {score} av {max} poeng ({percent} %). Størrelsesgruppe: {band} innbyggere.',
    unscored: 'Kommunen har ikke satt sin egen poengsum ennå. Størrelsesgruppe: {band} innbyggere.',
    row: '{label}: gjennomsnitt {average} (høyest {max}, lavest {min})',
    difference: ', vår kommune {difference}',
    ownBand: ' – vår størrelsesgruppe',
    source: 'Kilde: {source}. Maks poeng = {max}.',
  },
  nn: {
    title: 'IKT-status samanlikna med eKommune-kartlegginga 2011',
    own: 'Kommunen vår: {score} av {max} poeng ({percent} %). Storleiksgruppe: {band} innbyggjarar.',
    unscored: 'Kommunen har ikkje sett si eiga poengsum enno. Storleiksgruppe: {band} innbyggjarar.',
    row: '{label}: gjennomsnitt {average} (høgast {max}, lågast {min})',
    difference: ', kommunen vår {difference}',
    ownBand: ' – storleiksgruppa vår',
    source: 'Kjelde: {source}. Maks poeng = {max}.',
  },
  en: {
    title: 'ICT status compared with the eKommune survey 2011',
    own: 'Our municipality: {score} of {max} points ({percent}%). Size band: {band} inhabitants.',
    unscored: 'The municipality has not set its own score yet. Size band: {band} inhabitants.',
    row: '{label}: average {average} (highest {max}, lowest {min})',
    difference: ', our municipality {difference}',
    ownBand: ' – our size band',
    source: 'Source: {source}. Maximum points = {max}.',
  },
};

/** The status comparison as editor blocks for the status appendix. */
export function statusComparisonContent(comparison: StatusComparison, locale: Locale = 'nb'): JSONContent[] {
  const t = STATUS_TEXTS[locale];
  const band = SIZE_BAND_LABELS[comparison.band][locale];
  const lead =
    comparison.score === null
      ? fill(t.unscored, { band })
      : fill(t.own, {
          score: formatNumber(comparison.score, locale),
          max: String(comparison.maxPoints),
          percent: formatNumber(Math.round(comparison.percentOfMax ?? 0), locale),
          band,
        });
  const rows = comparison.rows.map(
    (row) =>
      fill(t.row, { label: row.label, average: String(row.average), max: String(row.max), min: String(row.min) }) +
      (row.difference === null ? '' : fill(t.difference, { difference: signed(row.difference, locale) })) +
      (row.isOwnBand ? t.ownBand : ''),
  );
  return [
    heading(3, t.title),
    paragraph(lead),
    bulletList(rows),
    paragraph(fill(t.source, { source: comparison.source, max: String(comparison.maxPoints) })),
  ];
}
