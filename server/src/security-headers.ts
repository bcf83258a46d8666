import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { Config } from './config';

/**
 * The `'sha256-…'` sources of every inline script in a page. SvelteKit's static adapter boots the
 * app from one inline script in index.html; allowing exactly its hash keeps every other inline
 * script, and every inline event handler, blocked.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(match[1]!)) continue;
    hashes.push(`'sha256-${createHash('sha256').update(match[2]!, 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/** Reads the inline script hashes of the built index.html, again only when the file changes. */
function scriptHashReader(webDir: string): () => string[] {
  const file = path.join(webDir, 'index.html');
  let cached: { mtimeMs: number; size: number; hashes: string[] } | null = null;
  return () => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return [];
    }
    if (!cached || cached.mtimeMs !== stat.mtimeMs || cached.size !== stat.size) {
      cached = { mtimeMs: stat.mtimeMs, size: stat.size, hashes: inlineScriptHashes(fs.readFileSync(file, 'utf8')) };
    }
    return cached.hashes;
  };
}

/**
 * Security headers on every response: the web app, its assets and the API alike, set by Hono's
 * secure-headers middleware. The Referrer-Policy is same-origin because invitation links carry their
 * token in the path: no other site may ever see a Samstrat URL as a referrer.
 */
export function securityHeaders(config: Pick<Config, 'PUBLIC_ORIGIN' | 'WEB_DIR'>): MiddlewareHandler {
  const scriptHashes = scriptHashReader(config.WEB_DIR);
  const https = config.PUBLIC_ORIGIN?.startsWith('https:') ?? false;
  const origin = (c: Context) => config.PUBLIC_ORIGIN ?? new URL(c.req.url).origin;
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      // Only the built page's own inline bootstrap script, by its hash; no other inline script runs.
      scriptSrc: ["'self'", () => scriptHashes().join(' ')],
      // Svelte, ProseMirror and Designsystemet set style attributes; styles cannot run code.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'"],
      // 'self' covers same-origin WebSockets in current browsers; the explicit source covers older ones.
      connectSrc: ["'self'", (c) => origin(c).replace(/^http/, 'ws')],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: 'same-origin',
    xFrameOptions: 'DENY',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
    // Over plain HTTP (development, tests) a browser ignores it, and a wrong one locks a host out for a year.
    strictTransportSecurity: https ? 'max-age=31536000; includeSubDomains' : false,
  });
  // A WebSocket upgrade answers 101 with the socket's own headers; there is no page to protect.
  return async (c, next) => (c.req.header('upgrade') ? next() : headers(c, next));
}
