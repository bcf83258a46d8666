// The seed's reference for the ICT status analysis: KS's eKommune survey 2011 ("Hva med kommunene?",
// "Store digitale forskjeller!"), points by municipality size. A municipality that scores itself on
// the same scale sees where it stands against others of its size.
import type { Locale } from './errors';

export const SIZE_BANDS = ['under-2000', '2000-4999', '5000-9999', '10000-19999', '20000-49999', 'over-50000'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];

export interface EKommuneRow {
  band: SizeBand | 'all';
  average: number;
  max: number;
  min: number;
}

const EKOMMUNE_2011_ROWS: readonly EKommuneRow[] = [
  { band: 'all', average: 195, max: 360, min: 57 },
  { band: 'under-2000', average: 151, max: 238, min: 57 },
  { band: '2000-4999', average: 179, max: 286, min: 107 },
  { band: '5000-9999', average: 202, max: 311, min: 114 },
  { band: '10000-19999', average: 225, max: 305, min: 167 },
  { band: '20000-49999', average: 230, max: 292, min: 154 },
  { band: 'over-50000', average: 289, max: 360, min: 203 },
];

export const EKOMMUNE_2011 = {
  source: 'eKommune-kartleggingen 2011 (KS)',
  maxPoints: 404,
  rows: EKOMMUNE_2011_ROWS,
} as const;

export const SIZE_BAND_LABELS: Record<SizeBand | 'all', Record<Locale, string>> = {
  all: { nb: 'Alle kommuner', nn: 'Alle kommunar', en: 'All municipalities' },
  'under-2000': { nb: 'Under 2 000', nn: 'Under 2 000', en: 'Under 2,000' },
  '2000-4999': { nb: '2 000–4 999', nn: '2 000–4 999', en: '2,000–4,999' },
  '5000-9999': { nb: '5 000–9 999', nn: '5 000–9 999', en: '5,000–9,999' },
  '10000-19999': { nb: '10 000–19 999', nn: '10 000–19 999', en: '10,000–19,999' },
  '20000-49999': { nb: '20 000–49 999', nn: '20 000–49 999', en: '20,000–49,999' },
  'over-50000': { nb: '50 000 og flere', nn: '50 000 og fleire', en: '50,000 and more' },
};

// The seed's bands end at 49,999 and start again "> 50000"; a municipality of exactly 50,000 belongs
// with the large ones.
const LOWER_BOUNDS: readonly [number, SizeBand][] = [
  [50_000, 'over-50000'],
  [20_000, '20000-49999'],
  [10_000, '10000-19999'],
  [5_000, '5000-9999'],
  [2_000, '2000-4999'],
];

export function sizeBand(inhabitants: number): SizeBand {
  return LOWER_BOUNDS.find(([lower]) => inhabitants >= lower)?.[1] ?? 'under-2000';
}

export interface StatusComparisonInput {
  inhabitants: number;
  /** The municipality's own score on the eKommune scale; null until it has scored itself. */
  score: number | null;
}

export interface StatusComparisonRow extends EKommuneRow {
  label: string;
  /** The band the municipality belongs to (never the "all" row). */
  isOwnBand: boolean;
  /** Own score minus the row's average; null while the score is unknown. */
  difference: number | null;
}

export interface StatusComparison {
  rows: StatusComparisonRow[];
  band: SizeBand;
  score: number | null;
  maxPoints: number;
  /** Own score as a percentage of the maximum; null while the score is unknown. */
  percentOfMax: number | null;
  source: string;
}

/** The reference table rows with the municipality's own band marked and its score set beside each. */
export function statusComparison(input: StatusComparisonInput, locale: Locale = 'nb'): StatusComparison {
  const band = sizeBand(input.inhabitants);
  const { score } = input;
  return {
    rows: EKOMMUNE_2011.rows.map((row) => ({
      ...row,
      label: SIZE_BAND_LABELS[row.band][locale],
      isOwnBand: row.band === band,
      difference: score === null ? null : score - row.average,
    })),
    band,
    score,
    maxPoints: EKOMMUNE_2011.maxPoints,
    percentOfMax: score === null ? null : (score / EKOMMUNE_2011.maxPoints) * 100,
    source: EKOMMUNE_2011.source,
  };
}
