import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as prettier from 'prettier';
import { repoRoot, type ServerKind } from './child';
import type { Stages } from './load';
import { clusterSection, clusterTargets } from './report-cluster';
import { coldRows, loadRows, manyRows, serverColumns, STAGES } from './report-rows';
import { ms, num, renderTable, verdict, type Row } from './report-table';
import type {
  ClusterPlan,
  ColdOpenFigures,
  LoadFigures,
  LoadScenario,
  ManyRoomsFigures,
  ManyRoomsScenario,
  Scenario,
} from './scenarios';

export interface Machine {
  cpu: string;
  cores: number;
  memoryBytes: number;
  node: string;
  platform: string;
  date: string;
  commit: string;
  versions: Record<string, string>;
  loadAverageStart: number[];
  /** The priority the bench and its servers ran at (negative: ahead of other work on the machine). */
  nice?: number;
  loadAverageEnd?: number[];
  durationSeconds?: number;
}

type Figures = LoadFigures | ColdOpenFigures | ManyRoomsFigures;

export interface Results {
  machine: Machine;
  scenarios: Scenario[];
  servers: ServerKind[];
  figures: Record<string, Partial<Record<ServerKind, Figures>>>;
  errors: Record<string, Partial<Record<ServerKind, string>>>;
  profiles: Record<string, string>;
}

const PACKAGES = [
  'yjs',
  'y-protocols',
  'ws',
  'y-websocket',
  '@y/websocket-server',
  '@hocuspocus/server',
  '@hocuspocus/provider',
  '@hocuspocus/extension-sqlite',
  'better-sqlite3',
  'drizzle-orm',
  '@hono/node-server',
];

function packageVersion(name: string): string {
  try {
    const file = path.join(repoRoot, 'node_modules', name, 'package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

export function machineInfo(): Machine {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'shared', 'bench'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    if (dirty.trim()) commit += ' with uncommitted changes';
  } catch {
    // Not a git checkout.
  }
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    commit,
    versions: Object.fromEntries(PACKAGES.map((name) => [name, packageVersion(name)])),
    loadAverageStart: os.loadavg(),
  };
}

function table<F>(results: Results, scenario: string, rows: Row<F>[]): string[] {
  return renderTable(serverColumns<F>(results, scenario), rows, results.servers[0] === 'ours' ? 'ours ÷ it' : null);
}

/** Our server's own timing of each stage, in the measured window (the references have none). */
function stageTable(stages: Stages): string[] {
  const lines = ['| stage (ours, timed by the server) | p50 | p99 | times |', '|---|---|---|---|'];
  for (const { key, label } of STAGES) {
    const s = stages[key];
    lines.push(`| ${label} | ${ms(s.p50Ms)} | ${ms(s.p99Ms)} | ${num(s.count)} |`);
  }
  return lines;
}

/** The issue's targets, judged on ours in the biggest typing scenario and the cold open. */
function targets(results: Results): string[] {
  const load = results.figures['load-200'];
  const cold = results.figures['cold-open']?.ours as ColdOpenFigures | undefined;
  const ours = load?.ours as LoadFigures | undefined;
  const reference = load?.['y-websocket-server'] as LoadFigures | undefined;
  const lines = ['| target | measured | met |', '|---|---|---|'];
  lines.push(
    `| p99 fan-out ≤ 20 ms (50 typists, 200 clients) | ${ms(ours?.latency.p99)} | ${verdict(ours ? ours.latency.p99 <= 20 : null)} |`,
  );
  for (const q of ['p50', 'p95', 'p99'] as const) {
    const r = ours && reference ? ours.latency[q] / reference.latency[q] : null;
    lines.push(
      `| ${q} within 1.1× of @y/websocket-server's | ${r === null ? 'n/a' : `${r.toFixed(2)}× (${ms(ours?.latency[q])} vs ${ms(reference?.latency[q])})`} | ${verdict(r === null ? null : r <= 1.1)} |`,
    );
  }
  const hocuspocus = load?.hocuspocus as LoadFigures | undefined;
  const atOrBelow = (q: 'p50' | 'p99') =>
    ours && reference && hocuspocus
      ? ours.latency[q] <= reference.latency[q] && ours.latency[q] <= hocuspocus.latency[q]
      : null;
  lines.push(
    `| one process on SQLite: p50 at or below both reference servers' | ${ms(ours?.latency.p50)} vs ${ms(reference?.latency.p50)} and ${ms(hocuspocus?.latency.p50)} | ${verdict(atOrBelow('p50'))} |`,
    `| one process on SQLite: p99 at or below both reference servers' | ${ms(ours?.latency.p99)} vs ${ms(reference?.latency.p99)} and ${ms(hocuspocus?.latency.p99)} | ${verdict(atOrBelow('p99'))} |`,
    ...clusterTargets(results),
  );
  const after = cold?.afterCompaction;
  lines.push(
    `| first sync of 100,000 updates ≤ 100 ms after compaction: the server's whole answer received | ${ms(after?.answerMs)} | ${verdict(after ? after.answerMs <= 100 : null)} |`,
    `| …and applied by the client (its own CPU: ${ms(after ? after.syncedMs - after.answerMs : null)} here) | ${ms(after?.syncedMs)} | ${verdict(after ? after.syncedMs <= 100 : null)} |`,
  );
  lines.push(
    '| every accepted update persisted before broadcast | by construction; checked by server/test/collab.test.ts | see tests |',
  );
  return lines;
}

/** What guarding and storing add before a broadcast, where the reference server does neither. */
function stagesNote(results: Results): string[] {
  const stages = (results.figures['load-200']?.ours as LoadFigures | undefined)?.stages;
  if (!stages) return [];
  return [
    `At 200 clients our server takes ${ms(stages.untilBroadcast.p50Ms)} (p50) from an update's arrival to the start of its`,
    `broadcast, of which ${ms(stages.guard.p50Ms)} decode and guard and ${ms(stages.persist.p50Ms)} the SQLite transaction; the broadcast`,
    `itself, a write to each of the 200 sockets, takes ${ms(stages.fanOut.p50Ms)}. @y/websocket-server neither guards nor stores.`,
    '',
  ];
}

/** Writes the report, formatted the way `prettier --check .` (npm run lint) expects it. */
export async function writeReport(file: string, results: Results): Promise<void> {
  const markdown = renderReport(results);
  const options = (await prettier.resolveConfig(file)) ?? {};
  fs.writeFileSync(file, await prettier.format(markdown, { ...options, filepath: file }));
}

function renderReport(results: Results): string {
  const m = results.machine;
  const load = (m.loadAverageStart ?? []).map((v) => v.toFixed(2)).join(' / ');
  const loadEnd = (m.loadAverageEnd ?? []).map((v) => v.toFixed(2)).join(' / ');
  const lines: string[] = [
    '# Benchmark results',
    '',
    '<!-- Written by `npm run bench` (bench/run.ts). Never edit by hand: run it again. -->',
    '',
    `Run on ${m.date} at commit ${m.commit}, ${m.durationSeconds ?? '?'} s in all.${process.env.BENCH_OURS_ROOT ? ` "ours" is the server in ${process.env.BENCH_OURS_ROOT}.` : ''}`,
    '',
    '## Machine',
    '',
    `- CPU: ${m.cpu}, ${m.cores} cores; memory ${(m.memoryBytes / 1024 ** 3).toFixed(1)} GB; ${m.platform}`,
    `- Node ${m.node}; load average (1/5/15 min) ${load} at the start, ${loadEnd} at the end (other work on the machine skews the figures); bench and servers ran at nice ${m.nice ?? 0}`,
    `- ${Object.entries(m.versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}`,
    '',
    '## How',
    '',
    'Each server runs alone in a child process on 127.0.0.1 with a fresh data directory per scenario; the load',
    'generator runs in the parent. Simulated clients speak the y-websocket protocol (Hocuspocus: its own framing,',
    'as its provider sends it) on real sockets. A keystroke is a real TipTap-shaped Yjs update: one character',
    'inserted into the Y.XmlText of a paragraph Y.XmlElement in the fragment `section:<key>`; typists spread over',
    'the sections, one paragraph each, and move their caret in awareness with every keystroke, as TipTap does. The',
    'other clients read with awareness on (renewed every 15 s, as y-protocols does). Latency is from the send of an',
    "update to its receipt at every other client (found by the update's Yjs client id and clock). One client in each",
    "run is the server's own provider; it checks at the end that every typist's text arrived intact. Our server is",
    'used as in production: demo accounts log in over HTTP and clients share their session cookies; every update is',
    'guarded and appended to SQLite before it is broadcast. @y/websocket-server has no auth and no persistence;',
    'Hocuspocus stores the whole document in SQLite 2 s after the last change (its defaults). Server CPU is read',
    'from /proc; "per 1,000 receipts" is the figure least disturbed by other work on the machine. "ours ÷ it" is',
    "our figure divided by that server's: above 1 means ours is higher (slower, bigger).",
    '',
    '## Targets',
    '',
    ...targets(results),
    '',
    ...stagesNote(results),
  ];
  for (const scenario of results.scenarios) {
    if (scenario.kind !== 'cold-open' && scenario.cluster) {
      lines.push(...clusterSection(results, scenario as (LoadScenario | ManyRoomsScenario) & { cluster: ClusterPlan }));
    } else if (scenario.kind === 'load') {
      const p = scenario.plan;
      lines.push(
        `## ${p.clients} clients, ${p.typists} typing`,
        '',
        `${p.typists} typists at ${p.rate} keystrokes a second each${p.caret ? '' : ' (caret moves off)'}, ${p.clients - p.typists} readers; measured over ${p.measureMs / 1_000} s after ${p.warmupMs / 1_000} s of warm-up${(scenario.rounds ?? 1) > 1 ? `; ${scenario.rounds} rounds per server, the one with the lower p99 shown` : ''}.`,
        '',
        ...table(results, scenario.name, loadRows),
        '',
      );
      const stages = (results.figures[scenario.name]?.ours as LoadFigures | undefined)?.stages;
      if (stages) lines.push(...stageTable(stages), '');
    } else if (scenario.kind === 'cold-open') {
      lines.push(
        `## Cold open of a strategy with ${scenario.updates.toLocaleString('en')} updates of history`,
        '',
        'Time from opening the socket to the first sync. Ours: the history written straight into the update log, opened,',
        'then compacted (the room unloads and folds the log) and opened again. Hocuspocus stores only merged states, so it',
        'has no "before"; @y/websocket-server keeps documents in memory only, so it has only "already open". Medians of 3',
        'except the single "before".',
        '',
        ...table(results, scenario.name, coldRows),
        '',
      );
    } else {
      lines.push(
        `## ${scenario.rooms} strategies open at once, ${scenario.clientsPerRoom} clients each`,
        '',
        "Every strategy holds the template's text; one client in each types five characters. Memory is the server's",
        'growth from before the first client to after all synced, divided by the number of rooms.',
        '',
        ...table(results, scenario.name, manyRows),
        '',
      );
    }
  }
  const profiles = Object.entries(results.profiles);
  if (profiles.length > 0) {
    lines.push('## CPU profiles', '');
    for (const [key, summary] of profiles) lines.push(`### ${key}`, '', '```', summary, '```', '');
  }
  return lines.join('\n');
}
