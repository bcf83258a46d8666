import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { waitFor } from './collab-client';

/** A mail as the loopback SMTP server received it, read back from its MIME text. */
export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO). */
  to: string[];
  from: string;
  headers: Map<string, string>;
  subject: string;
  text: string;
  html: string;
  raw: string;
}

export interface LoopbackSmtp {
  port: number;
  received: ReceivedMail[];
  /** How the clients signed in: `PLAIN user` / `XOAUTH2 user token`, one entry per session that did. */
  logins: string[];
  /** Refuses the next `n` messages with a temporary failure (451), as a busy server does. */
  refuseNext(n: number): void;
  /** How many messages were refused so far. */
  refused: () => number;
  /** Waits for a mail to `address` that `match` accepts, and answers it. */
  mailTo(address: string, match?: (m: ReceivedMail) => boolean): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback (the smtp-server package) that keeps what it receives. No
 * STARTTLS (there is no certificate on loopback), so authentication is allowed in the clear;
 * sign-in is optional so it also serves as an unauthenticated relay. Password `secret` and
 * access token `token-ok` are accepted.
 */
export async function startLoopbackSmtp(): Promise<LoopbackSmtp> {
  const received: ReceivedMail[] = [];
  const logins: string[] = [];
  let toRefuse = 0;
  let refusedCount = 0;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.method === 'XOAUTH2') {
        if (auth.accessToken !== 'token-ok') return callback(null, { data: { status: '401' } } as never);
        logins.push(`XOAUTH2 ${auth.username} ${auth.accessToken}`);
        return callback(null, { user: auth.username });
      }
      if (auth.password !== 'secret') return callback(new Error('Invalid username or password'));
      logins.push(`${auth.method} ${auth.username}`);
      return callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (toRefuse > 0) {
          toRefuse--;
          refusedCount++;
          const err = new Error('Try again later') as Error & { responseCode: number };
          err.responseCode = 451;
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          ...parseMime(raw),
          raw,
          to: session.envelope.rcptTo.map((r) => r.address),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const find = (address: string, match: (m: ReceivedMail) => boolean) =>
    received.find((m) => m.to.includes(address) && match(m));
  return {
    port,
    received,
    logins,
    refuseNext: (n) => (toRefuse = n),
    refused: () => refusedCount,
    async mailTo(address, match = () => true) {
      await waitFor(() => find(address, match) !== undefined, `a mail to ${address}`, 10_000);
      return find(address, match)!;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Reads what nodemailer writes: headers (unfolded, encoded words decoded) and, of a
 * multipart/alternative body, the text/plain and text/html parts (quoted-printable, base64 or 7bit).
 * Enough for these tests, not a general MIME parser.
 */
export function parseMime(raw: string): Omit<ReceivedMail, 'to' | 'from' | 'raw'> {
  const { headers, body } = splitEntity(raw);
  const parts: { type: string; content: string }[] = [];
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const part = splitEntity(chunk.replace(/^\r?\n/, ''));
      parts.push({
        type: (part.headers.get('content-type') ?? '').split(';')[0]!.trim(),
        content: decodeBody(part.body, part.headers.get('content-transfer-encoding')),
      });
    }
  } else {
    parts.push({
      type: type.split(';')[0]!.trim(),
      content: decodeBody(body, headers.get('content-transfer-encoding')),
    });
  }
  return {
    headers,
    subject: headers.get('subject') ?? '',
    text: parts.find((p) => p.type === 'text/plain')?.content ?? '',
    html: parts.find((p) => p.type === 'text/html')?.content ?? '',
  };
}

function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  return { headers, body };
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=); adjacent ones join without the space between. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : qpBytes(text.replace(/_/g, ' ')).toString('utf8'),
    );
}

function decodeBody(body: string, encoding: string | undefined): string {
  const cte = (encoding ?? '7bit').toLowerCase();
  if (cte === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (cte === 'quoted-printable') return qpBytes(body.replace(/=\r?\n/g, '')).toString('utf8');
  return body;
}

function qpBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** The links of a plain-text part, in order. */
export function linksIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
}
