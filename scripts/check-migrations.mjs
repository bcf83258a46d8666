#!/usr/bin/env node
// Fails when the committed migrations of either database do not match the schema: it generates
// each database's migrations from server/src/db/schema*.ts into a copy of drizzle/<database> and
// reports any file that generation added. `npm run db:generate` writes the missing ones.
// Fails too when a migration that landed was changed (see landed-migrations.mjs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { landedProblems } from './landed-migrations.mjs';

const changed = landedProblems(process.cwd());
for (const problem of changed) console.error(problem);

const databases = [
  { name: 'sqlite', config: 'server/drizzle.config.ts' },
  { name: 'postgres', config: 'server/drizzle.postgres.config.ts' },
];

let missing = 0;
for (const { name, config } of databases) {
  // drizzle-kit takes its output folder relative to the working directory, even an absolute one.
  const copy = path.join('.migrations-check', name);
  fs.rmSync(copy, { recursive: true, force: true });
  fs.cpSync(path.join('drizzle', name), copy, { recursive: true });
  const before = new Set(fs.readdirSync(copy));
  const run = spawnSync('npx', ['drizzle-kit', 'generate', '--config', config, '--name', 'missing'], {
    env: { ...process.env, SAMSTRAT_MIGRATIONS_OUT: copy },
    encoding: 'utf8',
  });
  // drizzle-kit exits 0 even when it fails, so read what it printed too.
  if (run.status !== 0 || /Error/.test(run.stderr)) {
    console.error(`drizzle-kit could not generate the ${name} migrations:\n${run.stdout}${run.stderr}`);
    missing++;
    continue;
  }
  const added = fs.readdirSync(copy).filter((file) => !before.has(file));
  for (const file of added) {
    console.error(
      `${name}: the schema needs a migration the repository lacks:\n${fs.readFileSync(path.join(copy, file), 'utf8')}`,
    );
  }
  missing += added.length;
  fs.rmSync(copy, { recursive: true, force: true });
}
fs.rmSync('.migrations-check', { recursive: true, force: true });
if (missing > 0) console.error('Run `npm run db:generate` and commit the new files in drizzle/.');
if (missing > 0 || changed.length > 0) process.exit(1);
console.log('The migrations of both databases match the schema.');
