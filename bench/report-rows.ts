/** The rows of the report's tables, scenario by scenario, and the columns our server and the references fill. */
import type { ServerKind } from './child';
import type { Stages } from './load';
import type { Results } from './report';
import { kb, mb, ms, num, type Column, type Row } from './report-table';
import type { ColdOpenFigures, LoadFigures, ManyRoomsFigures, SyncTiming } from './scenarios';

export const LABEL: Record<ServerKind, string> = {
  ours: 'ours',
  'y-websocket-server': '@y/websocket-server',
  hocuspocus: 'Hocuspocus 4 + SQLite',
};

/** The columns of a scenario's table: our server first, then each reference, as run. */
export function serverColumns<F>(results: Results, scenario: string): Column<F>[] {
  const figures = results.figures[scenario] ?? {};
  const errors = results.errors[scenario] ?? {};
  return results.servers.map((s) => ({ label: LABEL[s], figures: figures[s] as F | undefined, error: errors[s] }));
}

export const loadRows: Row<LoadFigures>[] = [
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

export const coldRows: Row<ColdOpenFigures>[] = [
  ...syncRows('from the update log (before compaction)', (f) => f.beforeCompaction),
  ...syncRows('from the stored state (after compaction)', (f) => f.afterCompaction),
  ...syncRows('already open', (f) => f.warm),
  { label: 'state sent in the first sync', value: (f) => f.warm.bytes, format: kb },
  { label: 'encoded document state', value: (f) => f.stateBytes, format: kb },
  { label: 'server peak RSS', value: (f) => f.peakRssBytes, format: mb },
];

export const manyRows: Row<ManyRoomsFigures>[] = [
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
  {
    label: "typists' edits not at a reader of their room, when memory was read",
    value: (f) => f.missing,
    format: (v) => num(v ?? NaN),
    compare: false,
  },
  {
    label: '…and after up to 10 s more',
    value: (f) => f.missingAfterDrain,
    format: (v) => num(v ?? NaN),
    compare: false,
  },
  { label: 'from the first keystroke until every reader had them', value: (f) => f.allReceivedMs, format: ms },
];

export const STAGES: { key: keyof Stages; label: string }[] = [
  { key: 'guard', label: 'decode and guard' },
  { key: 'apply', label: 'apply to the document' },
  { key: 'persist', label: 'append to the update log (one SQLite transaction)' },
  { key: 'untilBroadcast', label: 'from arrival to the start of its broadcast' },
  { key: 'fanOut', label: 'the broadcast: a write to every socket' },
];
