#!/usr/bin/env node
// Runs every suite (unit + integration with vitest, end-to-end with Playwright) and ends with
// one plain line "N passed, N failed" summing them all, which CI reads.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samstrat-test-'));
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

let passed = 0;
let failed = 0;
let exitCode = 0;

// Each stage's time, printed as it starts and summed up before the closing line.
const stageTimes = [];
let stageStarted = null;
function stage(name) {
  const now = Date.now();
  if (stageStarted) stageTimes.push([stageStarted.name, now - stageStarted.at]);
  stageStarted = name ? { name, at: now } : null;
  if (name) console.log(`\n== ${name} (${new Date(now).toISOString().slice(11, 19)})`);
}

// The E2E tests run against the built web app, so build it first (as `npm start` does).
stage('web build');
if (run('npm', ['run', 'build']) !== 0) {
  console.log('\nthe web build failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

/** Runs vitest with a JSON report and adds its counts to the totals; a file that fails to load counts as a failure. */
function vitest(name, args, env = {}) {
  const report = path.join(reportDir, `${name}.json`);
  exitCode |= run(
    'npx',
    ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    env,
  );
  if (!fs.existsSync(report)) {
    failed += 1;
    return;
  }
  const result = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  failed += result.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
}

// Every unit and integration test, the server's on SQLite.
stage('unit and integration tests, server on SQLite');
vitest('vitest', [], { DATABASE_URL: '' });

// The server's tests again on PostgreSQL when there is one: DATABASE_URL fixes the database of the
// vitest process (the schema is built for it at import), and each test server gets a fresh database
// on that PostgreSQL server (server/test/databases.ts). The cluster test and the migrations check
// (both databases at once) ran already.
if (process.env.TEST_POSTGRES_URL) {
  stage('the server tests again, on PostgreSQL');
  vitest(
    'vitest-postgres',
    ['server/', '--exclude', 'server/test/cluster.test.ts', '--exclude', 'server/test/migrations.test.ts'],
    {
      DATABASE_URL: process.env.TEST_POSTGRES_URL,
    },
  );
} else {
  console.log('\nTEST_POSTGRES_URL is not set: the server tests ran on SQLite only');
}

stage('end to end in Chromium');
const e2eReport = path.join(reportDir, 'e2e.json');
exitCode |= run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport });
if (fs.existsSync(e2eReport)) {
  const { stats } = JSON.parse(fs.readFileSync(e2eReport, 'utf8'));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
} else {
  failed += 1;
}

stage(null);
console.log('\nStage times:');
for (const [name, ms] of stageTimes) console.log(`  ${name}: ${Math.round(ms / 1000)} s`);
if (failed > 0) exitCode = 1;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(exitCode ? 1 : 0);
