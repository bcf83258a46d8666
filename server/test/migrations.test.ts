import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('the committed migrations', () => {
  it('match the schema on both databases (a schema change without its migrations fails here)', () => {
    const run = spawnSync('node', ['scripts/check-migrations.mjs'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 60_000);
});
