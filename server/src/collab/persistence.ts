import { and, asc, eq, gt, lte, max, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../db/client';
import { yjsStates, yjsUpdates } from '../db/schema';

/**
 * Where a strategy's Y.Doc lives between processes: a compacted state plus an append-only
 * log of the updates accepted since. SQLite calls are synchronous, so an append has reached
 * the database before the caller goes on to broadcast.
 */
export class DocumentStore {
  /** The hot path of every accepted update: one prepared statement, no query building per row. */
  private readonly insertUpdates: (strategyId: string, updates: readonly Uint8Array[]) => void;

  constructor(private readonly db: Db) {
    const insert = db.$client.prepare('INSERT INTO yjs_updates (strategy_id, "update") VALUES (?, ?)');
    this.insertUpdates = db.$client.transaction((strategyId: string, updates: readonly Uint8Array[]) => {
      for (const update of updates)
        insert.run(strategyId, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
    });
  }

  /** True inside a database transaction: what is appended now would be rolled back with it. */
  get inTransaction(): boolean {
    return this.db.$client.inTransaction;
  }

  /** Rebuilds the document from the compacted state and every logged update after it. */
  load(strategyId: string): Y.Doc {
    const doc = new Y.Doc({ gc: true });
    const { state, updates } = this.read(strategyId);
    Y.transact(doc, () => {
      if (state) Y.applyUpdate(doc, state);
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return doc;
  }

  /** The stored bytes of a document, not yet applied: the compacted state and the log after it. */
  read(strategyId: string): { state: Uint8Array | null; updates: Uint8Array[] } {
    const row = this.db.select().from(yjsStates).where(eq(yjsStates.strategyId, strategyId)).get();
    const after = row?.lastUpdateId ?? 0;
    const updates = this.db
      .select({ update: yjsUpdates.update })
      .from(yjsUpdates)
      .where(and(eq(yjsUpdates.strategyId, strategyId), gt(yjsUpdates.id, after)))
      .orderBy(asc(yjsUpdates.id))
      .all();
    return { state: row?.state ?? null, updates: updates.map((u) => u.update) };
  }

  /** Appends a tick's accepted updates in one transaction. */
  append(strategyId: string, updates: readonly Uint8Array[]): void {
    if (updates.length === 0) return;
    this.insertUpdates(strategyId, updates);
  }

  /**
   * Folds the log into one state. The caller's doc must already contain every logged update
   * (rooms apply before they append), so deleting the folded rows loses nothing.
   */
  compact(strategyId: string, doc: Y.Doc): void {
    this.db.transaction((tx) => {
      const last = tx
        .select({ id: max(yjsUpdates.id) })
        .from(yjsUpdates)
        .where(eq(yjsUpdates.strategyId, strategyId))
        .get();
      const previous = tx
        .select({ id: yjsStates.lastUpdateId })
        .from(yjsStates)
        .where(eq(yjsStates.strategyId, strategyId))
        .get();
      const lastUpdateId = last?.id ?? previous?.id ?? 0;
      const state = Buffer.from(Y.encodeStateAsUpdate(doc));
      tx.insert(yjsStates)
        .values({ strategyId, state, lastUpdateId, updatedAt: new Date() })
        .onConflictDoUpdate({ target: yjsStates.strategyId, set: { state, lastUpdateId, updatedAt: new Date() } })
        .run();
      tx.delete(yjsUpdates)
        .where(and(eq(yjsUpdates.strategyId, strategyId), lte(yjsUpdates.id, lastUpdateId)))
        .run();
    });
  }

  /** How many updates wait in the log; used by tests and metrics. */
  pendingUpdates(strategyId: string): number {
    const row = this.db
      .select({ n: sql<number>`count(*)` })
      .from(yjsUpdates)
      .where(eq(yjsUpdates.strategyId, strategyId))
      .get();
    return row?.n ?? 0;
  }

  /** Stores a freshly created document as its first compacted state. */
  saveInitial(strategyId: string, doc: Y.Doc): void {
    this.compact(strategyId, doc);
  }
}
