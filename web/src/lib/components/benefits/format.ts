import type { Locale } from '@samstrat/shared/errors';

const TAGS: Record<Locale, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

export function asLocale(locale: string): Locale {
  return locale === 'nn' || locale === 'en' ? locale : 'nb';
}

/** Whole kroner with the language's digit grouping: "1 328 800". */
export function formatWhole(value: number, locale: string): string {
  return Math.round(value).toLocaleString(TAGS[asLocale(locale)]);
}

/** A chart axis figure: "1,5 mill." from a million up, "500 000" below (not "500k"). */
export function formatCompact(value: number, locale: string): string {
  if (Math.abs(value) < 1_000_000) return formatWhole(value, locale);
  return new Intl.NumberFormat(TAGS[asLocale(locale)], { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

export function formatSigned(value: number, locale: string): string {
  const figure = formatWhole(Math.abs(value), locale);
  return value > 0 ? `+${figure}` : value < 0 ? `−${figure}` : figure;
}
