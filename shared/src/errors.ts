/**
 * The catalogue of API error codes with their user-facing messages. The server answers
 * `{error:{code,message}}` with the message in the caller's language; the web app shows it.
 * Every message says what happened and what to do next.
 */
export type Locale = 'nb' | 'nn' | 'en';
export const LOCALES: readonly Locale[] = ['nb', 'nn', 'en'];

export const ERROR_MESSAGES = {
  bad_request: {
    nb: 'Forespørselen var ikke gyldig. Kontroller feltene og prøv igjen.',
    nn: 'Førespurnaden var ikkje gyldig. Kontroller felta og prøv igjen.',
    en: 'The request was not valid. Check the fields and try again.',
  },
  invalid_credentials: {
    nb: 'Feil e-postadresse eller passord. Prøv igjen.',
    nn: 'Feil e-postadresse eller passord. Prøv igjen.',
    en: 'Wrong e-mail address or password. Try again.',
  },
  too_many_attempts: {
    nb: 'For mange innloggingsforsøk. Vent noen minutter og prøv igjen.',
    nn: 'For mange innloggingsforsøk. Vent nokre minutt og prøv igjen.',
    en: 'Too many login attempts. Wait a few minutes and try again.',
  },
  unauthenticated: {
    nb: 'Du er ikke logget inn, eller økten er utløpt. Logg inn på nytt.',
    nn: 'Du er ikkje logga inn, eller økta har gått ut. Logg inn på nytt.',
    en: 'You are not logged in, or your session has expired. Log in again.',
  },
  forbidden: {
    nb: 'Du har ikke tilgang til dette. Spør prosjektlederen om du trenger tilgang.',
    nn: 'Du har ikkje tilgang til dette. Spør prosjektleiaren om du treng tilgang.',
    en: 'You do not have access to this. Ask the project leader if you need access.',
  },
  foreign_origin: {
    nb: 'Forespørselen kom fra en annen nettside og ble avvist. Bruk Samstrat direkte.',
    nn: 'Førespurnaden kom frå ei anna nettside og vart avvist. Bruk Samstrat direkte.',
    en: 'The request came from another website and was refused. Use Samstrat directly.',
  },
  not_found: {
    nb: 'Fant ikke det du så etter. Det kan være slettet, eller du har ikke tilgang.',
    nn: 'Fann ikkje det du såg etter. Det kan vere sletta, eller du har ikkje tilgang.',
    en: 'Not found. It may have been deleted, or you do not have access.',
  },
  payload_too_large: {
    nb: 'Innholdet er for stort. Del det opp og prøv igjen.',
    nn: 'Innhaldet er for stort. Del det opp og prøv igjen.',
    en: 'The content is too large. Split it up and try again.',
  },
  internal: {
    nb: 'Noe gikk galt hos oss. Ingenting er endret. Prøv igjen om litt.',
    nn: 'Noko gjekk gale hos oss. Ingenting er endra. Prøv igjen om litt.',
    en: 'Something went wrong on our side. Nothing was changed. Try again shortly.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export function errorMessage(code: ErrorCode, locale: Locale = 'nb'): string {
  return ERROR_MESSAGES[code][locale];
}

/** Picks our locale from an Accept-Language header; bokmål unless the caller prefers nynorsk or English. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return 'nb';
  const tags = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag ?? '', q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    if (tag.startsWith('nn')) return 'nn';
    if (tag.startsWith('nb') || tag === 'no' || tag.startsWith('no-')) return 'nb';
    if (tag.startsWith('en')) return 'en';
  }
  return 'nb';
}
