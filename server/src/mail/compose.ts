import type { Locale } from '@samstrat/shared/errors';
import type { MailKind } from '@samstrat/shared/mail';
import { MAIL_SETTINGS_PATH, renderMail, type DigestPayload, type RenderedMail } from './kinds';
import { MAIL_TEXTS } from './texts';

/** A finished mail: subject, the plain-text part and the HTML part. */
export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Lays a row of the outbox out as a mail in `locale`, with absolute links on `origin` (the public
 * origin, e.g. https://samstrat.kommune.no). Both parts say the same; the HTML is plain, with the
 * language set and one link per place, so it reads well in a screen reader and in a text client.
 */
export function composeMail(
  kind: MailKind,
  payload: Record<string, unknown>,
  locale: Locale,
  secret: string | null,
  origin: string,
): ComposedMail {
  const mail = renderMail(kind, payload, locale, secret);
  const url = (path: string) => `${origin}${path}`;
  const items =
    kind === 'digest'
      ? (payload as unknown as DigestPayload).items.map((item) => renderMail(item.kind, item.payload, locale, null))
      : [];
  const settingsUrl = url(MAIL_SETTINGS_PATH);
  const settingsLabel = MAIL_TEXTS[locale].settings;

  const text = [
    ...mail.paragraphs,
    '',
    ...(kind === 'digest'
      ? items.flatMap((item) => [`- ${item.subject}`, `  ${url(item.action.path)}`])
      : [`${mail.action.label}: ${url(mail.action.path)}`]),
    '',
    '-- ',
    mail.footer.text,
    ...(mail.footer.settings ? [`${settingsLabel}: ${settingsUrl}`] : []),
    '',
  ].join('\n');

  const link = (item: RenderedMail, label: string) =>
    `<a href="${escapeHtml(url(item.action.path))}">${escapeHtml(label)}</a>`;
  const body =
    kind === 'digest'
      ? `<ul>${items.map((item) => `<li>${link(item, item.subject)}</li>`).join('')}</ul>`
      : `<p>${link(mail, mail.action.label)}</p>`;
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(mail.subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em;">',
    ...mail.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    body,
    `<hr><p style="font-size: 0.875em;">${escapeHtml(mail.footer.text)}`,
    ...(mail.footer.settings ? [` <a href="${escapeHtml(settingsUrl)}">${escapeHtml(settingsLabel)}</a>`] : []),
    '</p></body></html>',
  ].join('');
  return { subject: mail.subject, text, html };
}
