import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MiddlewareHandler } from 'hono';
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

/** The policy for every response. `origin` is the site's own origin, for the WebSocket. */
export function contentSecurityPolicy(origin: string, scriptHashes: readonly string[]): string {
  const socket = origin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    ['script-src', "'self'", ...scriptHashes].join(' '),
    // Svelte, ProseMirror and Designsystemet set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // 'self' covers same-origin WebSockets in current browsers; the explicit source covers older ones.
    `connect-src 'self' ${socket}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
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
 * Security headers on every response: the web app, its assets and the API alike. The
 * Referrer-Policy is same-origin because invitation links carry their token in the path:
 * no other site may ever see a Samstrat URL as a referrer.
 */
export function securityHeaders(config: Pick<Config, 'PUBLIC_ORIGIN' | 'WEB_DIR'>): MiddlewareHandler {
  const scriptHashes = scriptHashReader(config.WEB_DIR);
  const https = config.PUBLIC_ORIGIN?.startsWith('https:') ?? false;
  return async (c, next) => {
    await next();
    // A WebSocket upgrade answers 101 with the socket's own headers; there is no page to protect.
    if (c.res.status === 101 || c.req.header('upgrade')) return;
    const origin = config.PUBLIC_ORIGIN ?? new URL(c.req.url).origin;
    const headers = c.res.headers;
    headers.set('Content-Security-Policy', contentSecurityPolicy(origin, scriptHashes()));
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'same-origin');
    headers.set('X-Frame-Options', 'DENY');
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    headers.set('Cross-Origin-Resource-Policy', 'same-origin');
    headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    if (https) headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  };
}
