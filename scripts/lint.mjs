#!/usr/bin/env node
// `npm run lint`: ESLint, Prettier, svelte-check and tsc. Each of them runs on one core, so they run
// in two lanes side by side (on two cores the lint took 2 min 44 s one after another). Every check
// runs even when an earlier one failed, so one run shows every problem; the exit code is 1 if any failed.
import { spawn } from 'node:child_process';

const lanes = [
  [
    ['eslint', ['.']],
    ['prettier', ['--check', '.']],
  ],
  [
    ['npm', ['run', 'check', '-w', 'web']],
    ['tsc', ['-p', 'tsconfig.check.json']],
  ],
];

/** Runs one check with its output held back, so the lanes' outputs do not interleave; resolves to its exit code. */
function check([command, args]) {
  return new Promise((resolve) => {
    const name = [command, ...args].join(' ');
    const started = Date.now();
    const child = spawn(command === 'npm' ? 'npm' : 'npx', command === 'npm' ? args : [command, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      process.stdout.write(`\n== ${name}: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds} s\n${output}`);
      resolve(code ?? 1);
    });
  });
}

const codes = await Promise.all(
  lanes.map(async (lane) => {
    const results = [];
    for (const step of lane) results.push(await check(step));
    return results;
  }),
);
process.exit(codes.flat().some((code) => code !== 0) ? 1 : 0);
