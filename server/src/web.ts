import fs from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';

/**
 * Serves the built single-page app. Unknown paths get index.html so deep links such as
 * /strategier/<id> work on reload; hashed assets are cached for a year.
 */
export function serveWebApp(webDir: string) {
  const web = new Hono();
  const indexFile = path.join(webDir, 'index.html');
  const root = path.relative(process.cwd(), webDir) || '.';

  web.use('/_app/immutable/*', async (c, next) => {
    await next();
    c.header('cache-control', 'public, max-age=31536000, immutable');
  });
  web.use('*', serveStatic({ root }));
  web.get('*', (c) => {
    if (!fs.existsSync(indexFile)) {
      return c.text('The web app is not built yet: run `npm run build` (npm start does it for you).', 503);
    }
    c.header('cache-control', 'no-cache');
    return c.html(fs.readFileSync(indexFile, 'utf8'));
  });
  return web;
}
