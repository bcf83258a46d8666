import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { landedProblems, recordLanded } from '../../scripts/landed-migrations.mjs';
import { tempDir } from './databases';

describe('the committed migrations', () => {
  it('match the schema on both databases (a schema change without its migrations fails here)', () => {
    const run = spawnSync('node', ['scripts/check-migrations.mjs'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 60_000);

  it('are each listed once landed, and an edit to a landed one is found', () => {
    const root = tempDir('samstrat-migrations-');
    fs.cpSync('drizzle', path.join(root, 'drizzle'), { recursive: true });
    expect(landedProblems(root)).toEqual([]);
    // A checkout with CRLF line ends (Git on Windows) changed nothing.
    const crlf = path.join(root, 'drizzle', 'sqlite', '0000_init.sql');
    fs.writeFileSync(crlf, fs.readFileSync(crlf, 'utf8').replaceAll('\n', '\r\n'));
    expect(landedProblems(root)).toEqual([]);

    // An edit to a migration that already ran somewhere: those databases never run it again.
    const landed = path.join(root, 'drizzle', 'sqlite', '0002_document_sequence.sql');
    fs.appendFileSync(landed, '\nALTER TABLE yjs_heads ADD COLUMN touched integer;\n');
    // A new migration, generated but not yet listed.
    fs.writeFileSync(path.join(root, 'drizzle', 'postgres', '9999_next.sql'), 'SELECT 1;\n');
    const problems: string[] = landedProblems(root);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^drizzle\/sqlite\/0002_document_sequence\.sql changed after it landed/);
    expect(problems[1]).toMatch(/^drizzle\/postgres\/9999_next\.sql is not in drizzle\/landed\.json/);

    // Listing the new one never takes the edited one's new text as landed.
    expect(recordLanded(root)).toEqual(['drizzle/postgres/9999_next.sql']);
    expect(landedProblems(root)).toEqual([problems[0]]);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
