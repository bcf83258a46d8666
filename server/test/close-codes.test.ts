import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';

// The close-code catalogue lists exactly what the socket sends: every code the server closes
// with comes from it by name, and every code in it is sent by something.

const SOURCE = path.resolve(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const sources = sourceFiles(SOURCE).map((file) => ({
  file: path.relative(SOURCE, file),
  text: fs.readFileSync(file, 'utf8'),
}));

describe('the close-code catalogue', () => {
  it('names every code the server closes a socket with, and nothing the server never sends', () => {
    const used = new Set(sources.flatMap(({ text }) => [...text.matchAll(/CLOSE_CODES\.(\w+)/g)].map((m) => m[1]!)));
    expect([...used].sort()).toEqual(Object.keys(CLOSE_CODES).sort());
  });

  it('is where every close code comes from: no socket is closed or revoked with a bare number', () => {
    const bare = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/\b(?:close|closeSockets|revoke|closeStrategySockets)\(([^)]*)\)/g)]
        .filter((m) => /(^|[\s,(])\d{4}\b/.test(m[1]!))
        .map((m) => `${file}: ${m[0]}`),
    );
    expect(bare).toEqual([]);
  });
});
