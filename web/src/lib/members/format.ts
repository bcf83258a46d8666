/** A date (and time, when asked) the way the user's language writes it. */
export function formatDate(iso: string, locale: string, withTime = false): string {
  const lang = locale === 'en' ? 'en-GB' : locale === 'nn' ? 'nn-NO' : 'nb-NO';
  return new Intl.DateTimeFormat(lang, {
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
  }).format(new Date(iso));
}
