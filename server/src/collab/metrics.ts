import { createHistogram, performance, type RecordableHistogram } from 'node:perf_hooks';

export interface StageSummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Where an accepted update's time goes on its way through the room, stage by stage: the last step
 * of authenticate → load room → guard → persist → broadcast → metrics. The benchmark reads them to
 * show what guarding and storing cost; a clock read and a histogram entry per stage are cheap
 * enough to keep them on.
 */
export class CollabMetrics {
  /** Decoding an update and deciding on it. */
  readonly guard = createHistogram();
  /** Applying an accepted update to the room's document. */
  readonly apply = createHistogram();
  /** The transaction that appends a batch to the update log. */
  readonly persist = createHistogram();
  /** From an update's arrival to the start of the broadcast that carries it. */
  readonly untilBroadcast = createHistogram();
  /** One broadcast: a write to every connection's socket. */
  readonly fanOut = createHistogram();

  summary(): Record<'guard' | 'apply' | 'persist' | 'untilBroadcast' | 'fanOut', StageSummary> {
    const of = (h: RecordableHistogram): StageSummary => ({
      count: h.count,
      p50Ms: h.count ? h.percentile(50) / 1e6 : NaN,
      p99Ms: h.count ? h.percentile(99) / 1e6 : NaN,
    });
    return {
      guard: of(this.guard),
      apply: of(this.apply),
      persist: of(this.persist),
      untilBroadcast: of(this.untilBroadcast),
      fanOut: of(this.fanOut),
    };
  }

  reset(): void {
    for (const h of [this.guard, this.apply, this.persist, this.untilBroadcast, this.fanOut]) h.reset();
  }
}

/** Records the time since `startMs` (a performance.now() reading) in whole nanoseconds, as histograms take it. */
export function recordSince(histogram: RecordableHistogram, startMs: number): void {
  histogram.record(Math.max(1, Math.round((performance.now() - startMs) * 1e6)));
}
