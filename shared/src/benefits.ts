// The seed's benefit model (Gevinstberegning, "Litt om mulige gevinster", example 1), as a pure
// function. Every figure is an input with a note of where it comes from: the defaults reproduce the
// seed's example so a leader sees the method, then replaces them with the municipality's own.
import { z } from 'zod';
import { EKOMMUNE_2011 } from './status';

/** A figure and where it comes from ("SSB 2024", "Økonomisystemet, 2023", "Eksempel 1 i veilederen"). */
export interface Sourced<T = number> {
  value: T;
  source: string;
}

export const INQUIRY_CHANNELS = ['personal', 'phone', 'letter'] as const;
export type InquiryChannel = (typeof INQUIRY_CHANNELS)[number];

export const BENEFIT_ITEMS = ['inquiries', 'supplierInvoices', 'outgoingLetters', 'incomingLetters'] as const;
export type BenefitItem = (typeof BENEFIT_ITEMS)[number];

export interface LetterFlow {
  perYear: Sourced;
  /** Percent of the letters that go digital. */
  digitalShare: Sourced;
  savingPerLetter: Sourced;
}

export interface BenefitInput {
  inhabitants: Sourced;
  /** Inquiries a year by channel. Letter includes e-mail: both are answered by a case worker by hand. */
  inquiries: Record<InquiryChannel, Sourced>;
  /** Kroner per inquiry by channel, and for digital self-service, what a moved inquiry still costs. */
  costPerInquiry: Record<InquiryChannel | 'digital', Sourced>;
  /** Percent of the inquiries in every channel that move to digital self-service. */
  digitalShare: Sourced;
  supplierInvoices: { perYear: Sourced; electronicShare: Sourced; savingPerInvoice: Sourced };
  outgoingLetters: LetterFlow;
  incomingLetters: LetterFlow;
  /**
   * Percent of the full yearly benefit realised in year 1, 2, … of the period. Benefits take time
   * (the seed's cost/effect curve); years past the list keep its last value.
   */
  rampUp: Sourced<number[]>;
  /** Kroner spent in year 1, 2, … of the period; years past the list cost nothing. */
  costs: Sourced<number[]>;
}

/**
 * The seed's "80%" slide: changes in organization and processes are 80% of the benefit potential of
 * ICT. The product says so wherever benefits are planned.
 */
export const ORGANIZATION_SHARE_OF_POTENTIAL = 80;

const SEED = 'Eksempel 1 i veilederen («Litt om mulige gevinster»)';
const CHANNEL_COST =
  'Kostnad per henvendelse etter kanal, som sitert i norske kilder (veilederen: «110 kr. 80 kr. 40 kr. 3 kr.»)';
const CALIBRATED = 'veilederen oppgir bare resultatet; tallene er valgt så de gir det. Bytt til kommunens egne tall';

/**
 * The seed's example 1: a municipality of about 6,500 inhabitants. The seed gives the inquiry counts
 * and channel costs; for invoices and letters it gives only the result (about 130,000, 325,000 and
 * 190,000 kr), so the volumes and unit savings below are calibrated to reproduce those results with
 * plausible figures for a municipality of that size:
 * - 13,000 supplier invoices (2 per inhabitant), all electronic, 10 kr saved per invoice by not
 *   scanning and keying it: 13,000 × 100% × 10 = 130,000 kr (20 kr per inhabitant);
 * - 32,500 outgoing letters (5 per inhabitant), 80% digital, 12.50 kr postage, envelope and print
 *   saved per letter: 32,500 × 80% × 12.5 = 325,000 kr (50 kr per inhabitant);
 * - 19,000 incoming letters, 50% digital, 20 kr saved per letter in opening, scanning and
 *   registering: 19,000 × 50% × 20 = 190,000 kr (29 kr per inhabitant; the seed rounds to 30).
 * The ramp-up and costs illustrate the seed's cost/effect curve; the seed gives no figures for them.
 */
export const DEFAULT_BENEFIT_INPUT: BenefitInput = {
  inhabitants: { value: 6500, source: `${SEED}: ca. 6 500 innbyggere. Bytt til kommunens tall fra SSB` },
  inquiries: {
    personal: { value: 11_000, source: `${SEED}: ca. 11 000 personlige henvendelser per år` },
    phone: { value: 22_000, source: `${SEED}: ca. 22 000 telefonhenvendelser per år` },
    letter: { value: 0, source: 'Ikke med i eksempel 1. Legg inn kommunens tall for brev og e-post' },
  },
  costPerInquiry: {
    letter: { value: 110, source: `${CHANNEL_COST}: brev/e-post 110 kr` },
    personal: { value: 80, source: `${CHANNEL_COST}: personlig oppmøte 80 kr` },
    phone: { value: 40, source: `${CHANNEL_COST}: telefon 40 kr` },
    digital: { value: 3, source: `${CHANNEL_COST}: digital selvbetjening 3 kr` },
  },
  digitalShare: { value: 80, source: `${SEED}: 80 % av henvendelsene gjøres elektronisk` },
  supplierInvoices: {
    perYear: { value: 13_000, source: `Kalibrert til eksempel 1 (ca. 130 000 kr): ${CALIBRATED}` },
    electronicShare: { value: 100, source: `${SEED}: elektronisk leverandørfaktura i stedet for skanning` },
    savingPerInvoice: { value: 10, source: `Kalibrert til eksempel 1 (ca. 130 000 kr): ${CALIBRATED}` },
  },
  outgoingLetters: {
    perYear: { value: 32_500, source: `Kalibrert til eksempel 1 (ca. 325 000 kr): ${CALIBRATED}` },
    digitalShare: { value: 80, source: `${SEED}: elektronisk utsending av 80 % av brevene` },
    savingPerLetter: { value: 12.5, source: `Kalibrert til eksempel 1: porto, konvolutt og utskrift. ${CALIBRATED}` },
  },
  incomingLetters: {
    perYear: { value: 19_000, source: `Kalibrert til eksempel 1 (ca. 190 000 kr): ${CALIBRATED}` },
    digitalShare: { value: 50, source: `${SEED}: elektronisk mottak av 50 % av brevene` },
    savingPerLetter: { value: 20, source: `Kalibrert til eksempel 1: åpning, skanning og registrering. ${CALIBRATED}` },
  },
  rampUp: {
    value: [25, 50, 75, 100],
    source: 'Antakelse: gevinstene bygges opp over perioden – realisering av gevinster tar tid (veilederen)',
  },
  costs: {
    value: [1_500_000, 1_000_000, 600_000, 500_000],
    source: 'Illustrasjon, ikke fra veilederen: legg inn kommunens budsjett for investering og drift',
  },
};

export interface InquiryChannelResult {
  channel: InquiryChannel;
  inquiries: number;
  /** Inquiries a year that move to digital self-service. */
  moved: number;
  savingPerInquiry: number;
  annual: number;
}

export interface BenefitItemResult {
  item: BenefitItem;
  /** Kroner a year once the benefit is fully realised. */
  annual: number;
  perInhabitant: number;
  /** Kroner realised in each year of the period. */
  byYear: number[];
}

export interface BenefitYear {
  /** 1 for the first year of the period. */
  index: number;
  /** The calendar year when the period is known. */
  year: number | null;
  /** Percent of the full yearly benefit realised this year. */
  realised: number;
  effect: number;
  cost: number;
  net: number;
  cumulativeEffect: number;
  cumulativeCost: number;
  cumulativeNet: number;
}

export interface BenefitResult {
  items: BenefitItemResult[];
  inquiryChannels: InquiryChannelResult[];
  /** Kroner a year once every benefit is fully realised. */
  annualTotal: number;
  annualPerInhabitant: number;
  years: BenefitYear[];
  periodTotals: { effect: number; cost: number; net: number };
  /** The first year (index) whose accumulated effect covers the accumulated cost; null if none does or nothing is spent. */
  breakEvenIndex: number | null;
}

export interface BenefitPeriod {
  startYear: number;
  endYear: number;
}

const share = (percent: Sourced) => percent.value / 100;

function inquiryChannels(input: BenefitInput): InquiryChannelResult[] {
  const digital = input.costPerInquiry.digital.value;
  return INQUIRY_CHANNELS.map((channel) => {
    const inquiries = input.inquiries[channel].value;
    const moved = inquiries * share(input.digitalShare);
    // A channel cheaper than self-service saves nothing by moving; it never counts as a loss here.
    const savingPerInquiry = Math.max(0, input.costPerInquiry[channel].value - digital);
    return { channel, inquiries, moved, savingPerInquiry, annual: moved * savingPerInquiry };
  });
}

function letterSaving(flow: LetterFlow): number {
  return flow.perYear.value * share(flow.digitalShare) * flow.savingPerLetter.value;
}

/** Percent realised in year `index` (1-based): the ramp-up's entry, or its last one past its end. */
function realisedIn(rampUp: readonly number[], index: number): number {
  if (rampUp.length === 0) return 100;
  return rampUp[Math.min(index, rampUp.length) - 1] ?? 100;
}

/**
 * The yearly saving per item and in total, per inhabitant, and the year-by-year cost against effect.
 * With a period the profile covers its years; without one, as many years as the ramp-up and costs
 * describe (at least one).
 */
export function calculateBenefits(input: BenefitInput, period?: BenefitPeriod): BenefitResult {
  const channels = inquiryChannels(input);
  const annualByItem: Record<BenefitItem, number> = {
    inquiries: channels.reduce((sum, c) => sum + c.annual, 0),
    supplierInvoices:
      input.supplierInvoices.perYear.value *
      share(input.supplierInvoices.electronicShare) *
      input.supplierInvoices.savingPerInvoice.value,
    outgoingLetters: letterSaving(input.outgoingLetters),
    incomingLetters: letterSaving(input.incomingLetters),
  };

  const yearCount = period
    ? Math.max(0, period.endYear - period.startYear + 1)
    : Math.max(1, input.rampUp.value.length, input.costs.value.length);
  const realised = Array.from({ length: yearCount }, (_, i) => realisedIn(input.rampUp.value, i + 1));
  const inhabitants = input.inhabitants.value;
  const perInhabitant = (kroner: number) => (inhabitants > 0 ? kroner / inhabitants : 0);

  const items = BENEFIT_ITEMS.map((item) => ({
    item,
    annual: annualByItem[item],
    perInhabitant: perInhabitant(annualByItem[item]),
    byYear: realised.map((percent) => (annualByItem[item] * percent) / 100),
  }));
  const annualTotal = items.reduce((sum, i) => sum + i.annual, 0);

  let cumulativeEffect = 0;
  let cumulativeCost = 0;
  const years = realised.map((percent, i): BenefitYear => {
    const effect = (annualTotal * percent) / 100;
    const cost = input.costs.value[i] ?? 0;
    cumulativeEffect += effect;
    cumulativeCost += cost;
    return {
      index: i + 1,
      year: period ? period.startYear + i : null,
      realised: percent,
      effect,
      cost,
      net: effect - cost,
      cumulativeEffect,
      cumulativeCost,
      cumulativeNet: cumulativeEffect - cumulativeCost,
    };
  });

  return {
    items,
    inquiryChannels: channels,
    annualTotal,
    annualPerInhabitant: perInhabitant(annualTotal),
    years,
    periodTotals: { effect: cumulativeEffect, cost: cumulativeCost, net: cumulativeEffect - cumulativeCost },
    breakEvenIndex: years.find((y) => y.cumulativeNet >= 0 && y.cumulativeCost > 0)?.index ?? null,
  };
}

// Validation of a stored or submitted input: the server checks it before saving, the page before
// computing. Bounds keep a typo from producing a chart nobody can read, not from being unusual.
const source = z.string().trim().max(500);
const amount = z.object({ value: z.number().finite().min(0).max(1e12), source });
const percent = z.object({ value: z.number().finite().min(0).max(100), source });
const letterFlow = z.object({ perYear: amount, digitalShare: percent, savingPerLetter: amount });
const MAX_YEARS = 12;

export const benefitInputSchema = z.object({
  inhabitants: amount,
  inquiries: z.object({ personal: amount, phone: amount, letter: amount }),
  costPerInquiry: z.object({ personal: amount, phone: amount, letter: amount, digital: amount }),
  digitalShare: percent,
  supplierInvoices: z.object({ perYear: amount, electronicShare: percent, savingPerInvoice: amount }),
  outgoingLetters: letterFlow,
  incomingLetters: letterFlow,
  rampUp: z.object({ value: z.array(z.number().finite().min(0).max(100)).max(MAX_YEARS), source }),
  costs: z.object({ value: z.array(z.number().finite().min(0).max(1e12)).max(MAX_YEARS), source }),
}) satisfies z.ZodType<BenefitInput>;

/**
 * What a strategy stores for the benefit page (`GET/PUT /api/strategies/:id/benefits`): the
 * calculator's figures and the municipality's own eKommune score for the status comparison.
 */
export const benefitsDocumentSchema = z.object({
  input: benefitInputSchema,
  statusScore: z.number().int().min(0).max(EKOMMUNE_2011.maxPoints).nullable(),
});
export type BenefitsDocument = z.infer<typeof benefitsDocumentSchema>;
