import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as prettier from 'prettier';
import { repoRoot, type ServerKind } from './child';
import type { Stages } from './load';
import type { ColdOpenFigures, LoadFigures, ManyRoomsFigures, Scenario, SyncTiming } from './scenarios';

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

const LABEL: Record<ServerKind, string> = {
  ours: 'ours',
  'y-websocket-server': '@y/websocket-server',
  hocuspocus: 'Hocuspocus 4 + SQLite',
};

const ms = (v: number | null | undefined) =>
  v === null || v === undefined || Number.isNaN(v) ? 'n/a' : `${v.toFixed(v < 10 ? 2 : 1)} ms`;
const mb = (v: number | null | undefined) =>
  v === null || v === undefined || Number.isNaN(v)
    ? 'n/a'
    : `${(v / 1024 / 1024).toFixed(v < 10 * 1024 * 1024 ? 2 : 1)} MB`;
const kb = (v: number | null | undefined) =>
  v === null || v === undefined || Number.isNaN(v) ? 'n/a' : `${(v / 1024).toFixed(1)} kB`;
const num = (v: number, digits = 0) =>
  Number.isNaN(v) ? 'n/a' : v.toLocaleString('en', { maximumFractionDigits: digits });

/** Ours relative to a reference: 1.20× means ours is 20 % higher (slower, bigger) on that line. */
function ratio(ours: number | null | undefined, theirs: number | null | undefined): string {
  if (ours === null || ours === undefined || theirs === null || theirs === undefined) return '';
  if (Number.isNaN(ours) || Number.isNaN(theirs) || theirs === 0) return '';
  return `${(ours / theirs).toFixed(2)}×`;
}

interface Row<F> {
  label: string;
  value: (f: F) => number | null | undefined;
  format: (v: number | null | undefined) => string;
  compare?: boolean;
}

function table<F>(results: Results, scenario: string, rows: Row<F>[]): string[] {
  const servers = results.servers;
  const figures = results.figures[scenario] ?? {};
  const errors = results.errors[scenario] ?? {};
  const ours = figures.ours as F | undefined;
  const header = ['', ...servers.flatMap((s) => (s === 'ours' ? [LABEL[s]] : [LABEL[s], 'ours ÷ it']))];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) {
    const cells = [row.label];
    for (const server of servers) {
      const f = figures[server] as F | undefined;
      const value = f ? row.value(f) : undefined;
      const cell = f ? row.format(value) : errors[server] ? 'failed' : 'not run';
      if (server === 'ours') cells.push(cell);
      else cells.push(cell, row.compare === false || !ours || !f ? '' : ratio(row.value(ours), value));
    }
    lines.push(`| ${cells.join(' | ')} |`);
  }
  for (const [server, error] of Object.entries(errors))
    lines.push('', `${LABEL[server as ServerKind]} failed: ${error}`);
  return lines;
}

const loadRows: Row<LoadFigures>[] = [
  { label: 'latency p50', value: (f) => f.latency.p50, format: ms },
  { label: 'latency p95', value: (f) => f.latency.p95, format: ms },
  { label: 'latency p99', value: (f) => f.latency.p99, format: ms },
  { label: 'latency max', value: (f) => f.latency.max, format: ms },
  {
    label: 'latency p99 of the other round',
    value: (f) => f.otherRounds?.[0]?.p99,
    format: (v) => (v === undefined ? '' : ms(v)),
    compare: false,
  },
  { label: 'receipts measured', value: (f) => f.latency.count, format: (v) => num(v ?? NaN), compare: false },
  { label: 'keystrokes / s', value: (f) => f.updatesPerSecond, format: (v) => num(v ?? NaN), compare: false },
  { label: 'receipts / s', value: (f) => f.deliveriesPerSecond, format: (v) => num(v ?? NaN) },
  { label: 'server CPU', value: (f) => f.server.cpuPercent, format: (v) => `${num(v ?? NaN)} %` },
  { label: 'server CPU per 1,000 receipts', value: (f) => f.server.cpuPerThousandReceipts, format: ms },
  {
    label: 'server write system calls per 1,000 receipts',
    value: (f) => f.server.writeCallsPerThousandReceipts,
    format: (v) => num(v ?? NaN),
  },
  { label: 'server event loop delay p99', value: (f) => f.server.eventLoopP99, format: ms },
  {
    label: 'server preempted by other work, per second',
    value: (f) => f.server.preemptionsPerSecond,
    format: (v) => num(v ?? NaN),
    compare: false,
  },
  { label: 'server peak RSS', value: (f) => f.peakRssBytes, format: mb },
  { label: 'database files growth', value: (f) => f.databaseBytes, format: kb },
  { label: 'bytes written to storage', value: (f) => f.storageWriteBytes, format: kb },
  { label: 'missing receipts', value: (f) => f.missing, format: (v) => num(v ?? NaN), compare: false },
  {
    label: 'sockets closed by the server',
    value: (f) => f.unexpectedCloses,
    format: (v) => num(v ?? NaN),
    compare: false,
  },
  {
    label: "own provider's text matches",
    value: (f) => (f.verified ? 1 : 0),
    format: (v) => (v ? 'yes' : 'NO'),
    compare: false,
  },
  {
    label: 'generator event loop busy',
    value: (f) => f.generator.utilization * 100,
    format: (v) => `${num(v ?? NaN)} %`,
    compare: false,
  },
  { label: 'generator event loop delay p99', value: (f) => f.generator.eventLoopP99, format: ms, compare: false },
  {
    label: 'generator preempted by other work, per second',
    value: (f) => f.generator.preemptionsPerSecond,
    format: (v) => num(v ?? NaN),
    compare: false,
  },
];

const syncRows = (label: string, pick: (f: ColdOpenFigures) => SyncTiming | null): Row<ColdOpenFigures>[] => [
  { label: `${label}: server answered`, value: (f) => pick(f)?.answerMs, format: ms },
  { label: `${label}: client synced`, value: (f) => pick(f)?.syncedMs, format: ms },
];

const coldRows: Row<ColdOpenFigures>[] = [
  ...syncRows('from the update log (before compaction)', (f) => f.beforeCompaction),
  ...syncRows('from the stored state (after compaction)', (f) => f.afterCompaction),
  ...syncRows('already open', (f) => f.warm),
  { label: 'state sent in the first sync', value: (f) => f.warm.bytes, format: kb },
  { label: 'encoded document state', value: (f) => f.stateBytes, format: kb },
  { label: 'server peak RSS', value: (f) => f.peakRssBytes, format: mb },
];

const manyRows: Row<ManyRoomsFigures>[] = [
  { label: 'clients connected and synced', value: (f) => f.clients, format: (v) => num(v ?? NaN), compare: false },
  { label: 'time to connect them all', value: (f) => f.connectMs, format: ms },
  { label: 'resident memory per room', value: (f) => f.rssPerRoomBytes, format: kb },
  { label: 'JS heap per room (after GC)', value: (f) => f.heapPerRoomBytes, format: kb },
  { label: 'encoded state of a room', value: (f) => f.stateBytes, format: kb },
  {
    label: 'heap per room ÷ state',
    value: (f) => (f.stateBytes ? f.heapPerRoomBytes / f.stateBytes : NaN),
    format: (v) => (v === null || v === undefined || Number.isNaN(v) ? 'n/a' : `${v.toFixed(1)}×`),
  },
  { label: 'server peak RSS', value: (f) => f.peakRssBytes, format: mb },
  { label: 'bytes written to storage', value: (f) => f.storageWriteBytes, format: kb },
  {
    label: 'sockets closed by the server',
    value: (f) => f.unexpectedCloses,
    format: (v) => num(v ?? NaN),
    compare: false,
  },
];

const STAGES: { key: keyof Stages; label: string }[] = [
  { key: 'guard', label: 'decode and guard' },
  { key: 'apply', label: 'apply to the document' },
  { key: 'persist', label: 'append to the update log (one SQLite transaction)' },
  { key: 'untilBroadcast', label: 'from arrival to the start of its broadcast' },
  { key: 'fanOut', label: 'the broadcast: a write to every socket' },
];

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
  const verdict = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? 'yes' : '**no**');
  lines.push(
    `| p99 fan-out ≤ 20 ms (50 typists, 200 clients) | ${ms(ours?.latency.p99)} | ${verdict(ours ? ours.latency.p99 <= 20 : null)} |`,
  );
  for (const q of ['p50', 'p95', 'p99'] as const) {
    const r = ours && reference ? ours.latency[q] / reference.latency[q] : null;
    lines.push(
      `| ${q} within 1.1× of @y/websocket-server's | ${r === null ? 'n/a' : `${r.toFixed(2)}× (${ms(ours?.latency[q])} vs ${ms(reference?.latency[q])})`} | ${verdict(r === null ? null : r <= 1.1)} |`,
    );
  }
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
    if (scenario.kind === 'load') {
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
