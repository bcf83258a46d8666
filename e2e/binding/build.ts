import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const web = path.resolve(here, '..', '..', 'web');

/**
 * Bundles harness.ts for the browser with the web app's own Vite (declared by the web workspace)
 * and returns the script. Uses the message catalog that `npm run build` compiles.
 */
export async function buildHarness(): Promise<string> {
  if (!fs.existsSync(path.join(web, 'src/lib/paraglide/messages.js'))) {
    throw new Error('The message catalog is not compiled: run `npm run build` first, as before every E2E run.');
  }
  const webRequire = createRequire(path.join(web, 'package.json'));
  const vite = (await import(pathToFileURL(webRequire.resolve('vite')).href)) as {
    build: (config: object) => Promise<unknown>;
  };
  const output = await vite.build({
    configFile: false,
    root: web,
    logLevel: 'warn',
    resolve: { alias: { $lib: path.join(web, 'src/lib') } },
    build: {
      write: false,
      minify: false,
      lib: { entry: path.join(here, 'harness.ts'), formats: ['iife'], name: 'bindingHarness' },
    },
  });
  const results = (Array.isArray(output) ? output : [output]) as { output?: { code: string }[] }[];
  for (const result of results) {
    if (result.output?.[0]) return result.output[0].code;
  }
  throw new Error('vite build returned no bundle');
}
