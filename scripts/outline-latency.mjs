#!/usr/bin/env node
// How soon another page shows a leader's outline change (issue 13: "within a second"): runs
// e2e/outline.spec.ts alone `runs` times (5 by default) and reports the median and the maximum of the
// figures it prints ("benchmark: a new area on another page after N ms", "… a move …"), each as the
// viewer's page saw it and as Playwright's polling saw it. Run it on a quiet machine after
// `npm run build`: three browsers and the server share it, and someone types all the while.
//
//   node scripts/outline-latency.mjs [runs]     (E2E_PORT as for any E2E run)
import { spawnSync } from 'node:child_process';

const runs = Number(process.argv[2] ?? 5);
const figures = new Map();
let failed = 0;
for (let run = 1; run <= runs; run++) {
  const result = spawnSync('npx', ['playwright', 'test', 'e2e/outline.spec.ts', '--reporter=line'], {
    encoding: 'utf8',
    env: process.env,
  });
  const output = `${result.stdout}${result.stderr}`;
  // A run that fails later still printed its figures; it is counted and reported.
  if (result.status !== 0) {
    failed++;
    process.stderr.write(
      output
        .split('\n')
        .filter((line) => /Error|›/.test(line))
        .slice(0, 6)
        .join('\n') + '\n',
    );
  }
  for (const [, what, page, polled] of output.matchAll(
    /benchmark: (.+?) after (\d+) ms \(Playwright saw it after (\d+) ms\)/g,
  )) {
    const seen = figures.get(what) ?? { page: [], polled: [] };
    seen.page.push(Number(page));
    seen.polled.push(Number(polled));
    figures.set(what, seen);
  }
  process.stdout.write(`run ${run}/${runs} ${result.status === 0 ? 'passed' : 'FAILED'}\n`);
}
if (failed > 0) console.log(`${failed} of ${runs} runs failed (their figures before the failure are counted)`);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
for (const [what, { page, polled }] of figures) {
  console.log(
    `${what}: median ${median(page)} ms, max ${Math.max(...page)} ms (page's clock: ${page.join(', ')}); ` +
      `Playwright saw it after median ${median(polled)} ms, max ${Math.max(...polled)} ms`,
  );
}
