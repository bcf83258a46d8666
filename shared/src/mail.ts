import { z } from 'zod';
import { LOCALES, type Locale } from './errors';

/**
 * The kinds of e-mail Samstrat sends, and the per-person settings that choose among them. Plain
 * data so the server (which sends) and the web app (the settings page) agree.
 *
 * To add a kind (e.g. an action plan's status round): add it to MAIL_KINDS, say in OPTIONAL_MAIL_KINDS
 * whether a person may turn it off, and give it texts and a link in server/src/mail/kinds.ts (the
 * registry is typed by this list, so a kind without texts does not compile).
 */
export const MAIL_KINDS = [
  /** An invitation to a strategy (to an address, maybe with no account yet). */
  'invitation',
  /** Someone mentioned me in a comment. */
  'mention',
  /** Someone replied in a thread I started. */
  'reply',
  /** A suggestion on a section I own (or, for a section nobody owns, as leader). */
  'suggestion',
  /** My suggestion was accepted or rejected. */
  'decision',
  /** A gate or the political treatment waits for my decision. */
  'approval',
  /** The text was frozen as a candidate (sent to the steering group). */
  'frozen',
  /** The text was returned to Utkast, with reasons. */
  'returned',
  /** The day's mails in one (never chosen directly; see MailSettings.digest). */
  'digest',
  /** A link to choose a new password, asked for on the login page (local accounts). */
  'password_reset',
  /** Answers a password reset asked for an account whose organization has switched passwords off. */
  'passwords_off',
  /** A leader asks me for the status of my measures in an action plan, by a day. */
  'status_round',
  /** A reminder: my status for a round is still missing. */
  'status_reminder',
] as const;

export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * The kinds a person may turn off; invitations, digests and password resets are not theirs to choose,
 * nor a status round or its reminder (a leader's request the owner is to answer by a day).
 */
export const OPTIONAL_MAIL_KINDS = [
  'mention',
  'reply',
  'suggestion',
  'decision',
  'approval',
  'frozen',
  'returned',
] as const satisfies readonly MailKind[];

export type OptionalMailKind = (typeof OPTIONAL_MAIL_KINDS)[number];

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

export function isOptionalMailKind(kind: string): kind is OptionalMailKind {
  return (OPTIONAL_MAIL_KINDS as readonly string[]).includes(kind);
}

/** One person's choices; a person who never chose gets DEFAULT_MAIL_SETTINGS. */
export interface MailSettings {
  /** The language of their mails. */
  locale: Locale;
  /** Collect the day's mails into one, sent once the day (Oslo time) is over, instead of one mail each. */
  digest: boolean;
  /** The kinds they want; a kind left out is not sent to them. */
  kinds: OptionalMailKind[];
}

export const DEFAULT_MAIL_SETTINGS: MailSettings = {
  locale: 'nb',
  digest: false,
  kinds: [...OPTIONAL_MAIL_KINDS],
};

/** `PUT /api/me/mail`: the whole setting at once. */
export const mailSettingsBody = z.object({
  locale: z.enum(LOCALES as [Locale, ...Locale[]]),
  digest: z.boolean(),
  kinds: z
    .array(z.enum(OPTIONAL_MAIL_KINDS))
    .max(OPTIONAL_MAIL_KINDS.length)
    .transform((kinds) => [...new Set(kinds)]),
});

/** The answer of `GET /api/me/mail`: the settings, and whether this installation sends mail at all. */
export interface MailSettingsView {
  settings: MailSettings;
  enabled: boolean;
}

/**
 * The time zone a digest day is counted in: Norwegian municipalities, so a day is Oslo's day. The
 * digest of a day goes out once that day has ended.
 */
export const DIGEST_TIME_ZONE = 'Europe/Oslo';

/** The calendar day (YYYY-MM-DD) a moment falls on in Oslo. */
export function osloDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: DIGEST_TIME_ZONE, dateStyle: 'short' }).format(at);
}

/**
 * The first moment of the Oslo day `at` falls on, as a Date (UTC ms). Found from the UTC offset at
 * that moment, checked once more since midnight and `at` may sit on different sides of a DST change.
 */
export function startOfOsloDay(at: Date): Date {
  const day = osloDay(at);
  const guess = (offsetFrom: Date) => new Date(Date.parse(`${day}T00:00:00Z`) - osloOffsetMs(offsetFrom));
  const first = guess(at);
  return guess(first);
}

/** Oslo's offset from UTC at a moment, in milliseconds (+1 h in winter, +2 h in summer). */
function osloOffsetMs(at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: DIGEST_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return local - Math.floor(at.getTime() / 1000) * 1000;
}

/** `POST /api/auth/password-reset`: the address of the account. */
export const passwordResetRequestBody = z.object({ email: z.string().trim().toLowerCase().max(254).pipe(z.email()) });
