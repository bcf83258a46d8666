/**
 * The report's parts about our server as a cluster: several processes on one PostgreSQL database
 * and one Redis, beside one process on SQLite and the reference servers of the same run.
 */
import type { ClusterLoadFigures, Stages } from './load';
import type { Results } from './report';
import { LABEL, loadRows, manyRows, serverColumns, STAGES } from './report-rows';
import { kb, ms, num, renderTable, verdict, type Column, type Row } from './report-table';
import type { ClusterPlan, LoadFigures, LoadScenario, ManyRoomsScenario, Scenario } from './scenarios';

/** The cluster scenarios of this run, with what they are shown beside. */
export function clusterScenarios(results: Results): (Scenario & { cluster: ClusterPlan })[] {
  return results.scenarios.filter(
    (s): s is Scenario & { cluster: ClusterPlan } => s.kind !== 'cold-open' && s.cluster !== undefined,
  );
}

export const clusterLabel = (plan: ClusterPlan) => `ours ×${plan.processes}, PostgreSQL + Redis`;

type Pick = (c: ClusterLoadFigures) => number | null;
const fromCluster =
  (pick: Pick, oneProcess?: (f: LoadFigures) => number) =>
  (f: LoadFigures): number | null | undefined =>
    f.cluster ? pick(f.cluster) : oneProcess?.(f);
const perThousand = (bytes: number | null, f: LoadFigures) =>
  bytes === null ? null : bytes / (f.latency.count / 1_000);

/**
 * The typing scenario's rows on a cluster: the latency of every receipt, then split by whether
 * the receiving client is on the typist's process (on one process every receipt is), then the
 * rows of one process, then what PostgreSQL and Redis did.
 */
export function clusterLoadRows(loadRows: Row<LoadFigures>[]): Row<LoadFigures>[] {
  const latency = loadRows.slice(0, 4);
  const rest = loadRows.slice(4);
  const quantiles = (where: 'sameProcess' | 'otherProcess', label: string): Row<LoadFigures>[] => [
    ...(['p50', 'p95', 'p99'] as const).map((q) => ({
      label: `${label}: latency ${q}`,
      value: fromCluster((c) => c[where][q], where === 'sameProcess' ? (f) => f.latency[q] : undefined),
      format: ms,
    })),
    {
      label: `${label}: receipts measured`,
      value: fromCluster((c) => c[where].count, where === 'sameProcess' ? (f) => f.latency.count : undefined),
      format: (v) => num(v ?? NaN),
      compare: false,
    },
  ];
  return [
    ...latency,
    ...quantiles('sameProcess', "receipt on the typist's process"),
    ...quantiles('otherProcess', 'receipt on another process'),
    ...rest,
    {
      label: 'PostgreSQL CPU per 1,000 receipts (its backends for this database)',
      value: fromCluster((c) => c.postgresCpuPerThousandReceipts),
      format: ms,
    },
    { label: 'Redis CPU per 1,000 receipts', value: fromCluster((c) => c.redisCpuPerThousandReceipts), format: ms },
    {
      label: 'all CPU per 1,000 receipts (servers, PostgreSQL, Redis)',
      value: (f) =>
        f.server.cpuPerThousandReceipts +
        (f.cluster ? f.cluster.postgresCpuPerThousandReceipts + f.cluster.redisCpuPerThousandReceipts : 0),
      format: ms,
    },
    {
      label: 'transactions committed per 1,000 receipts',
      value: fromCluster((c) => c.commitsPerThousandReceipts),
      format: (v) => num(v ?? NaN, 1),
    },
    { label: 'WAL of this database, measured window', value: fromCluster((c) => c.walBytes), format: kb },
    {
      label: 'WAL of this database per 1,000 receipts',
      value: (f) => (f.cluster ? perThousand(f.cluster.walBytes, f) : undefined),
      format: kb,
    },
    {
      label: 'WAL of the whole PostgreSQL server, measured window (other work on it included)',
      value: fromCluster((c) => c.serverWalBytes),
      format: kb,
      compare: false,
    },
  ];
}

const STAGE_KEYS = ['guard', 'apply', 'persist', 'untilBroadcast', 'fanOut'] as const;

/** Each process's own stage timings (p50 / p99 and count), side by side. */
export function clusterStageTable(stagesByProcess: (Stages | null)[], labels: Record<string, string>): string[] {
  const header = [
    'stage (timed by each process)',
    ...stagesByProcess.map((_, i) => `process ${i + 1}: p50 / p99 (times)`),
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const key of STAGE_KEYS) {
    const cells = stagesByProcess.map((stages) => {
      const s = stages?.[key];
      return s ? `${ms(s.p50Ms)} / ${ms(s.p99Ms)} (${num(s.count)})` : 'n/a';
    });
    lines.push(`| ${labels[key] ?? key} | ${cells.join(' | ')} |`);
  }
  return lines;
}

/** What the typing scenario on a cluster is, in words. */
export function clusterLoadIntro(plan: ClusterPlan, besideName: string): string[] {
  return [
    `The clients are spread round-robin over ${plan.processes} processes of our server on one PostgreSQL database`,
    `(fresh for the run) and one Redis (the bench's own); the server's own provider is on the first process. A`,
    "receipt is on the typist's process when the receiving client is connected to the same process as the typist,",
    'else on another: it came through the database transaction, Redis and the other process. Server CPU and memory',
    'are summed over the processes; PostgreSQL and Redis have rows of their own (their CPU read from /proc; the',
    "WAL from pg_walinspect: this database's records and the commits of their transactions). Database growth is",
    `pg_database_size's. The other columns are one process on SQLite and the reference servers from \`${besideName}\``,
    'of the same run; "cluster ÷ it" is the cluster\'s figure divided by theirs. The machine is shared: every process',
    'here, the database and the generator compete for the same cores.',
  ];
}

export function clusterRoomsIntro(plan: ClusterPlan, besideName: string): string[] {
  return [
    `The clients of each strategy are spread round-robin over ${plan.processes} processes on one PostgreSQL database and one`,
    'Redis, so every strategy is open on every process. Memory is summed over the processes. The other columns are',
    `\`${besideName}\` of the same run (one process on SQLite, and the reference servers).`,
  ];
}

/** The issue's cluster targets, judged on the typing scenario on the cluster. */
export function clusterTargets(results: Results): string[] {
  const lines: string[] = [];
  for (const scenario of clusterScenarios(results)) {
    if (scenario.kind !== 'load') continue;
    const f = results.figures[scenario.name]?.ours as LoadFigures | undefined;
    const c = f?.cluster;
    const where = `${scenario.plan.clients} clients on ${scenario.cluster.processes} processes`;
    lines.push(
      `| 0 missing receipts on the cluster (${where}) | ${f ? num(f.missing) : 'n/a'} | ${verdict(f ? f.missing === 0 : null)} |`,
    );
    const r = c ? c.otherProcess.p99 / c.sameProcess.p99 : null;
    lines.push(
      `| a receipt on another process has p99 within 2× of a same-process receipt's (${where}) | ${r === null || Number.isNaN(r) ? 'n/a' : `${r.toFixed(2)}× (${ms(c?.otherProcess.p99)} vs ${ms(c?.sameProcess.p99)})`} | ${verdict(r === null || Number.isNaN(r) ? null : r <= 2)} |`,
    );
  }
  return lines;
}

/** A cluster scenario's table: the cluster first, then every server of the one-process scenario it mirrors. */
function clusterTable<F>(results: Results, scenario: Scenario & { cluster: ClusterPlan }, rows: Row<F>[]): string[] {
  const cluster: Column<F> = {
    label: clusterLabel(scenario.cluster),
    figures: results.figures[scenario.name]?.ours as F | undefined,
    error: results.errors[scenario.name]?.ours,
  };
  const beside = serverColumns<F>(results, scenario.cluster.beside).map((c) => ({
    ...c,
    label: c.label === LABEL.ours ? 'ours, one process on SQLite' : c.label,
  }));
  return renderTable([cluster, ...beside], rows, 'cluster ÷ it');
}

/** A scenario on several processes of our server, beside the one-process figures of the same shape. */
export function clusterSection(
  results: Results,
  scenario: (LoadScenario | ManyRoomsScenario) & { cluster: ClusterPlan },
): string[] {
  const n = scenario.cluster.processes;
  if (scenario.kind === 'many-rooms') {
    return [
      `## ${scenario.rooms} strategies open at once, ${scenario.clientsPerRoom} clients each, on ${n} processes (PostgreSQL + Redis)`,
      '',
      ...clusterRoomsIntro(scenario.cluster, scenario.cluster.beside),
      '',
      ...clusterTable(results, scenario, manyRows),
      '',
    ];
  }
  const p = scenario.plan;
  const lines = [
    `## ${p.clients} clients, ${p.typists} typing, on ${n} processes (PostgreSQL + Redis)`,
    '',
    `${p.typists} typists at ${p.rate} keystrokes a second each${p.caret ? '' : ' (caret moves off)'}, ${p.clients - p.typists} readers; measured over ${p.measureMs / 1_000} s after ${p.warmupMs / 1_000} s of warm-up${(scenario.rounds ?? 1) > 1 ? `; ${scenario.rounds} rounds, the one with the lower p99 shown` : ''}.`,
    ...clusterLoadIntro(scenario.cluster, scenario.cluster.beside),
    '',
    ...clusterTable(results, scenario, clusterLoadRows(loadRows)),
    '',
  ];
  const stages = (results.figures[scenario.name]?.ours as LoadFigures | undefined)?.cluster?.stagesByProcess;
  if (stages) {
    const labels = Object.fromEntries(STAGES.map(({ key, label }) => [key, label.replace('SQLite', 'PostgreSQL')]));
    lines.push(...clusterStageTable(stages, labels), '');
  }
  return lines;
}
