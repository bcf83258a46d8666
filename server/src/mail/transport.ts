import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Config } from '../config';

/** One mail as it goes out. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The language of both parts (Content-Language). */
  locale: string;
}

/** What sends: nodemailer over SMTP in the server; tests may hand their own. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * nodemailer's SMTP options from the configuration, or null when no SMTP server is configured
 * (then Samstrat sends no mail). Three ways in:
 * - a password: SMTP_USER + SMTP_PASSWORD (or in SMTP_URL);
 * - OAuth2 (XOAUTH2, which Exchange Online requires now that it retires basic authentication):
 *   SMTP_USER plus SMTP_OAUTH2_ACCESS_TOKEN, or a refresh token with client id, secret and token URL
 *   (nodemailer fetches and renews the access token);
 * - an unauthenticated relay: SMTP_HOST alone.
 */
export function smtpOptions(config: Config): SMTPTransport.Options | null {
  if (!config.SMTP_URL && !config.SMTP_HOST) return null;
  const options: SMTPTransport.Options = {};
  if (config.SMTP_URL) {
    const url = new URL(config.SMTP_URL);
    options.host = url.hostname;
    options.secure = url.protocol === 'smtps:';
    options.port = url.port ? Number(url.port) : options.secure ? 465 : 587;
    if (url.username) {
      options.auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
    }
  } else {
    options.host = config.SMTP_HOST;
    options.secure = config.SMTP_SECURE;
    options.port = config.SMTP_PORT ?? (config.SMTP_SECURE ? 465 : 587);
  }
  if (config.SMTP_OAUTH2_CLIENT_ID || config.SMTP_OAUTH2_REFRESH_TOKEN || config.SMTP_OAUTH2_ACCESS_TOKEN) {
    options.auth = {
      type: 'OAuth2',
      user: config.SMTP_USER,
      clientId: config.SMTP_OAUTH2_CLIENT_ID,
      clientSecret: config.SMTP_OAUTH2_CLIENT_SECRET,
      refreshToken: config.SMTP_OAUTH2_REFRESH_TOKEN,
      accessToken: config.SMTP_OAUTH2_ACCESS_TOKEN,
      accessUrl: config.SMTP_OAUTH2_TOKEN_URL,
    };
  } else if (config.SMTP_USER && config.SMTP_PASSWORD) {
    options.auth = { user: config.SMTP_USER, pass: config.SMTP_PASSWORD };
  }
  return options;
}

/** The SMTP transport the configuration names, or null when mail is off. */
export function smtpTransport(config: Config): MailTransport | null {
  const options = smtpOptions(config);
  if (!options) return null;
  const transporter = nodemailer.createTransport(options, { from: config.MAIL_FROM });
  return {
    async send(mail) {
      await transporter.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: { 'Content-Language': mail.locale, 'Auto-Submitted': 'auto-generated' },
      });
    },
    close: () => transporter.close(),
  };
}
