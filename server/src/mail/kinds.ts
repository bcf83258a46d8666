import type { Locale } from '@samstrat/shared/errors';
import type { MailKind } from '@samstrat/shared/mail';
import { MAIL_TEXTS } from './texts';
import { executiveWords, fillExecutive } from '@samstrat/shared/executive-title';

/** The web app's page where a person chooses their mails (web/src/routes/(app)/e-postvarsler). */
export const MAIL_SETTINGS_PATH = '/e-postvarsler';

/** A mail before it is laid out: plain strings (compose.ts escapes them for HTML). */
export interface RenderedMail {
  subject: string;
  paragraphs: string[];
  /** The one place the mail leads to: a path of the web app (made absolute with the public origin). */
  action: { label: string; path: string };
  /** Small print; `settings` adds the link to the person's mail settings. */
  footer: { text: string; settings: boolean };
}

/** What a comment mail needs: the thread and where it sits. */
export interface CommentPayload {
  strategyId: string;
  strategyTitle: string;
  threadId: string;
  sectionKey: string;
  sectionTitle: string;
  actorName: string;
}

export interface InvitationPayload {
  strategyTitle: string;
  municipality: string;
  inviterName: string;
  email: string;
  /** ISO moment. */
  expiresAt: string;
}

export interface ApprovalPayload {
  strategyId: string;
  strategyTitle: string;
  stage: 'styringsgruppe' | 'godkjenning' | 'politisk';
  /** The strategy's organization's executive title ("Rådmann"), the gate's name; kommunedirektør when absent. */
  executiveTitle?: string | null;
}

export interface WorkflowPayload {
  strategyId: string;
  strategyTitle: string;
  actorName: string;
  reason?: string | null;
}

/** A status round or its reminder: the plan, who asks, the day it is due, and how many measures. */
export interface StatusRoundPayload {
  strategyId: string;
  strategyTitle: string;
  year: number;
  actorName: string;
  /** YYYY-MM-DD. */
  dueDate: string;
  count: number;
  message: string;
}

/** Nothing but the link (the token is the row's secret). */
export type PasswordResetPayload = Record<string, never>;

export interface DigestPayload {
  /** The Oslo day (YYYY-MM-DD) the items are from. */
  day: string;
  items: { kind: MailKind; payload: Record<string, unknown> }[];
}

/** The payload each kind carries in the outbox. */
export interface MailPayloads {
  invitation: InvitationPayload;
  mention: CommentPayload;
  reply: CommentPayload;
  suggestion: CommentPayload;
  decision: CommentPayload;
  approval: ApprovalPayload;
  frozen: WorkflowPayload;
  returned: WorkflowPayload;
  digest: DigestPayload;
  password_reset: PasswordResetPayload;
  passwords_off: PasswordResetPayload;
  status_round: StatusRoundPayload;
  status_reminder: StatusRoundPayload;
}

/** How one kind is rendered; `secret` is the outbox row's secret (an invitation's token). */
type KindSpec<P> = (payload: P, locale: Locale, secret: string | null) => RenderedMail;

/**
 * The thread's place: the strategy page scrolled to the section, with the thread opened
 * (`?trad=`, read by the strategy page).
 */
export function threadPath(p: Pick<CommentPayload, 'strategyId' | 'threadId' | 'sectionKey'>): string {
  return `/strategier/${encodeURIComponent(p.strategyId)}?trad=${encodeURIComponent(p.threadId)}#del-${encodeURIComponent(p.sectionKey)}`;
}

export function processPath(strategyId: string): string {
  return `/strategier/${encodeURIComponent(strategyId)}/prosess`;
}

function commentKind(kind: 'mention' | 'reply' | 'suggestion' | 'decision'): KindSpec<CommentPayload> {
  return (p, locale) => {
    const t = MAIL_TEXTS[locale][kind];
    const v = { actor: p.actorName, title: p.strategyTitle, section: p.sectionTitle };
    return {
      subject: t.subject(v),
      paragraphs: [t.body(v)],
      action: { label: t.action, path: threadPath(p) },
      footer: { text: MAIL_TEXTS[locale].footer, settings: true },
    };
  };
}

/**
 * Where an owner answers a status round: the home page's inbox, at the strategy's requests
 * (`#status-<strategyId>`, the id of that list on the page).
 */
export function statusInboxPath(strategyId: string): string {
  return `/#status-${encodeURIComponent(strategyId)}`;
}

function statusRoundKind(kind: 'status_round' | 'status_reminder'): KindSpec<StatusRoundPayload> {
  return (p, locale) => {
    const t = MAIL_TEXTS[locale][kind];
    const year = String(p.year);
    return {
      subject: t.subject({ title: p.strategyTitle, year }),
      paragraphs: [
        t.body({
          actor: p.actorName,
          title: p.strategyTitle,
          year,
          date: dateIn(locale, `${p.dueDate}T12:00:00Z`),
          count: String(p.count),
        }),
        ...(p.message ? [t.message({ message: p.message })] : []),
      ],
      action: { label: t.action, path: statusInboxPath(p.strategyId) },
      footer: { text: MAIL_TEXTS[locale].footer, settings: true },
    };
  };
}

function dateIn(locale: Locale, iso: string): string {
  const tag = locale === 'en' ? 'en-GB' : locale === 'nn' ? 'nn-NO' : 'nb-NO';
  return new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'Europe/Oslo' }).format(new Date(iso));
}

/**
 * Every kind's texts and link: the registry. Typed by shared/mail MAIL_KINDS, so a kind added there
 * (an action plan's status round, say) does not compile until it has an entry here.
 */
export const MAIL_KIND_SPECS: { [K in MailKind]: KindSpec<MailPayloads[K]> } = {
  invitation: (p, locale, secret) => {
    const t = MAIL_TEXTS[locale].invitation;
    return {
      subject: t.subject({ title: p.strategyTitle }),
      paragraphs: [
        t.body({ inviter: p.inviterName, title: p.strategyTitle, municipality: p.municipality }),
        t.expiry({ date: dateIn(locale, p.expiresAt) }),
      ],
      // The token is in the outbox only until the mail is sent (see schema-mail.ts).
      action: { label: t.action, path: `/invitasjon/${encodeURIComponent(secret ?? '')}` },
      footer: { text: t.footer({ inviter: p.inviterName, email: p.email }), settings: false },
    };
  },
  mention: commentKind('mention'),
  reply: commentKind('reply'),
  suggestion: commentKind('suggestion'),
  decision: commentKind('decision'),
  approval: (p, locale) => {
    const t = MAIL_TEXTS[locale].approval;
    return {
      subject: t.subject({ title: p.strategyTitle }),
      paragraphs: [
        t.body({
          title: p.strategyTitle,
          gate: fillExecutive(t.gates[p.stage], executiveWords(p.executiveTitle, locale)),
        }),
      ],
      action: { label: t.action, path: processPath(p.strategyId) },
      footer: { text: MAIL_TEXTS[locale].footer, settings: true },
    };
  },
  frozen: (p, locale) => {
    const t = MAIL_TEXTS[locale].frozen;
    return {
      subject: t.subject({ title: p.strategyTitle }),
      paragraphs: [t.body({ actor: p.actorName, title: p.strategyTitle })],
      action: { label: t.action, path: processPath(p.strategyId) },
      footer: { text: MAIL_TEXTS[locale].footer, settings: true },
    };
  },
  returned: (p, locale) => {
    const t = MAIL_TEXTS[locale].returned;
    return {
      subject: t.subject({ title: p.strategyTitle }),
      paragraphs: [
        t.body({ actor: p.actorName, title: p.strategyTitle }),
        ...(p.reason ? [t.reason({ reason: p.reason })] : []),
      ],
      action: { label: t.action, path: processPath(p.strategyId) },
      footer: { text: MAIL_TEXTS[locale].footer, settings: true },
    };
  },
  password_reset: (_p, locale, secret) => {
    const t = MAIL_TEXTS[locale].password_reset;
    return {
      subject: t.subject,
      paragraphs: [t.body, t.expiry],
      action: { label: t.action, path: `/nytt-passord/${encodeURIComponent(secret ?? '')}` },
      footer: { text: t.footer, settings: false },
    };
  },
  passwords_off: (_p, locale) => {
    const t = MAIL_TEXTS[locale].passwords_off;
    return {
      subject: t.subject,
      paragraphs: [t.body],
      action: { label: t.action, path: '/logg-inn' },
      footer: { text: t.footer, settings: false },
    };
  },
  status_round: statusRoundKind('status_round'),
  status_reminder: statusRoundKind('status_reminder'),
  digest: (p, locale) => {
    const t = MAIL_TEXTS[locale].digest;
    return {
      subject: t.subject({ date: dateIn(locale, `${p.day}T12:00:00Z`) }),
      paragraphs: [t.body],
      action: { label: t.action, path: '/' },
      footer: { text: MAIL_TEXTS[locale].footer, settings: true },
    };
  },
};

/** Renders a row of the outbox. */
export function renderMail(
  kind: MailKind,
  payload: Record<string, unknown>,
  locale: Locale,
  secret: string | null,
): RenderedMail {
  // The payload was stored for this kind by NewMail<K> (outbox.ts), which types it.
  const spec = MAIL_KIND_SPECS[kind] as unknown as KindSpec<Record<string, unknown>>;
  return spec(payload, locale, secret);
}
