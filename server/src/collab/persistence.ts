import { and, asc, count, eq, gt, lte, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db, Reader, Tx } from '../db/client';
import { memberships, yjsHeads, yjsStates, yjsUpdates } from '../db/schema';

/** The stored bytes of a document, not yet applied: the folded state and the log after it, in order. */
export interface StoredDocument {
  state: Uint8Array | null;
  updates: Uint8Array[];
  /** The sequence number of the last update these hold (0 for none). */
  seq: number;
}

/** Logged updates after some sequence number, in order. */
export interface LogTail {
  updates: Uint8Array[];
  /** Their sequence numbers' last (the `after` asked for when there are none). */
  seq: number;
  /** The first update asked for was folded already: the caller must load the document anew. */
  folded: boolean;
}

/** Who wrote a batch, as the storing transaction checks it: their rights as the socket knows them. */
export interface Writer {
  userId: string;
  rightsVersion: number;
}

/** The storing transaction found a writer whose rights changed since their socket opened. */
export class StaleRights extends Error {
  constructor(readonly userIds: readonly string[]) {
    super(`rights changed for ${userIds.join(', ')}`);
  }
}

async function writeState(tx: Tx, strategyId: string, state: Uint8Array, seq: number): Promise<void> {
  const values = { state: toBuffer(state), seq, updatedAt: new Date() };
  await tx
    .insert(yjsStates)
    .values({ strategyId, ...values })
    .onConflictDoUpdate({ target: yjsStates.strategyId, set: values });
}

const toBuffer = (update: Uint8Array) => Buffer.from(update.buffer, update.byteOffset, update.byteLength);

/**
 * Where a strategy's Y.Doc lives: a folded state plus an append-only log of the updates accepted
 * since, each with the strategy's next sequence number, given in the transaction that stores it.
 * The database is the record; every process applies the log in this order.
 */
export class DocumentStore {
  constructor(private readonly db: Db) {}

  /** Rebuilds the document from the folded state and every logged update after it. */
  async load(strategyId: string): Promise<Y.Doc> {
    return DocumentStore.build(await this.read(strategyId));
  }

  /** The stored document, read in one transaction so state and log agree. */
  async read(strategyId: string): Promise<StoredDocument> {
    return this.db.transaction((tx) => this.readIn(tx, strategyId), { isolation: 'repeatable read' });
  }

  /** The stored document as the caller's transaction sees it. */
  async readIn(tx: Reader, strategyId: string): Promise<StoredDocument> {
    const [row] = await tx.select().from(yjsStates).where(eq(yjsStates.strategyId, strategyId)).limit(1);
    const tail = await this.updatesAfter(tx, strategyId, row?.seq ?? 0);
    return { state: row?.state ?? null, updates: tail.updates, seq: tail.seq };
  }

  /**
   * Holds back every other append to the strategy's log until the caller's transaction ends (the
   * head row's lock), so what the transaction reads with `readIn` is the whole text until then: a
   * candidate for approval is exactly the text that is frozen.
   */
  async lockIn(tx: Tx, strategyId: string): Promise<void> {
    await tx
      .update(yjsHeads)
      .set({ seq: sql`${yjsHeads.seq}` })
      .where(eq(yjsHeads.strategyId, strategyId));
  }

  /** The document a StoredDocument holds, built (the caller destroys it). */
  static build(stored: StoredDocument): Y.Doc {
    const doc = new Y.Doc({ gc: true });
    Y.transact(doc, () => {
      if (stored.state) Y.applyUpdate(doc, stored.state);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    });
    return doc;
  }

  /** What the log holds after `after`, for a process that missed some news. */
  async tail(strategyId: string, after: number): Promise<LogTail> {
    return this.db.transaction(
      async (tx) => {
        const [row] = await tx
          .select({ seq: yjsStates.seq })
          .from(yjsStates)
          .where(eq(yjsStates.strategyId, strategyId))
          .limit(1);
        if ((row?.seq ?? 0) > after) return { updates: [], seq: after, folded: true };
        return { ...(await this.updatesAfter(tx, strategyId, after)), folded: false };
      },
      { isolation: 'repeatable read' },
    );
  }

  /** The last sequence number given to the strategy's updates. */
  async head(strategyId: string): Promise<number> {
    const [row] = await this.db
      .select({ seq: yjsHeads.seq })
      .from(yjsHeads)
      .where(eq(yjsHeads.strategyId, strategyId))
      .limit(1);
    return row?.seq ?? 0;
  }

  private async updatesAfter(db: Reader, strategyId: string, after: number) {
    const rows = await db
      .select({ seq: yjsUpdates.seq, update: yjsUpdates.update })
      .from(yjsUpdates)
      .where(and(eq(yjsUpdates.strategyId, strategyId), gt(yjsUpdates.seq, after)))
      .orderBy(asc(yjsUpdates.seq));
    return { updates: rows.map((r) => r.update as Uint8Array), seq: rows.at(-1)?.seq ?? after };
  }

  /**
   * Appends accepted updates in one transaction and answers the sequence number of the last.
   * The head row's update orders concurrent appends of one strategy (it is locked until commit).
   * With `writers`, it first checks each one's rights version against the database and throws
   * StaleRights, storing nothing, if any moved.
   */
  async append(strategyId: string, updates: readonly Uint8Array[], writers: readonly Writer[] = []): Promise<number> {
    if (updates.length === 0) throw new Error('nothing to append');
    return this.db.transaction((tx) => this.appendIn(tx, strategyId, updates, writers), {
      isolation: 'read committed',
    });
  }

  /** `append` inside the caller's transaction (a server edit stored with the rows it goes with). */
  async appendIn(
    tx: Tx,
    strategyId: string,
    updates: readonly Uint8Array[],
    writers: readonly Writer[] = [],
  ): Promise<number> {
    const n = updates.length;
    // On SQLite the first writer's rights version is read in the same statement: a batch has one
    // writer as a rule, and every statement counts on this path (one per keystroke). Not on
    // PostgreSQL: under read committed a statement reads as of its start, before it waited for
    // the head row's lock, so it would miss rights a freeze changed while holding that lock;
    // a statement after it reads anew.
    const unique = [...new Map(writers.map((w) => [w.userId, w])).values()];
    const inHead = tx.engine === 'sqlite' ? unique[0] : undefined;
    const others = inHead ? unique.slice(1) : unique;
    const [head] = (await tx
      .prepared('yjs.advanceHead', (q) =>
        q
          .insert(yjsHeads)
          .values({ strategyId: sql.placeholder('strategyId'), seq: sql.placeholder('n') })
          .onConflictDoUpdate({
            target: yjsHeads.strategyId,
            set: { seq: sql`${yjsHeads.seq} + ${sql.placeholder('n')}` },
          })
          .returning({
            seq: yjsHeads.seq,
            rightsVersion: sql<number | null>`(SELECT ${memberships.rightsVersion} FROM ${memberships}
              WHERE ${memberships.strategyId} = ${sql.placeholder('strategyId')}
              AND ${memberships.userId} = ${sql.placeholder('userId')})`,
          })
          .prepare(),
      )
      .execute({ strategyId, n, userId: inHead?.userId ?? '' })) as { seq: number; rightsVersion: number | null }[];
    const stale = await this.staleWriters(tx, strategyId, others);
    // Read after the query: a socket regranted meanwhile (an outline change) holds the new version.
    if (inHead && head!.rightsVersion !== inHead.rightsVersion) stale.unshift(inHead.userId);
    if (stale.length > 0) throw new StaleRights(stale);
    const last = head!.seq;
    const insert = tx.prepared('yjs.insertUpdate', (q) =>
      q
        .insert(yjsUpdates)
        .values({
          strategyId: sql.placeholder('strategyId'),
          seq: sql.placeholder('seq'),
          update: sql.placeholder('update'),
        })
        .prepare(),
    );
    for (const [i, update] of updates.entries()) {
      await insert.execute({ strategyId, seq: last - n + 1 + i, update: toBuffer(update) });
    }
    return last;
  }

  /** The writers whose rights version the database no longer holds. */
  private async staleWriters(tx: Tx, strategyId: string, writers: readonly Writer[]): Promise<string[]> {
    const stale: string[] = [];
    if (writers.length === 0) return stale;
    const rightsVersion = tx.prepared('yjs.rightsVersion', (q) =>
      q
        .select({ rightsVersion: memberships.rightsVersion })
        .from(memberships)
        .where(
          and(
            eq(memberships.strategyId, sql.placeholder('strategyId')),
            eq(memberships.userId, sql.placeholder('userId')),
          ),
        )
        .prepare(),
    );
    for (const writer of writers) {
      const [row] = (await rightsVersion.execute({ strategyId, userId: writer.userId })) as { rightsVersion: number }[];
      if (row?.rightsVersion !== writer.rightsVersion) stale.push(writer.userId);
    }
    return stale;
  }

  /**
   * Folds the log up to its head into one state, built from what the database holds (not from a
   * process's memory, which may lag behind other processes). Returns false without doing anything
   * when another process is folding the same strategy right now.
   */
  async compact(strategyId: string): Promise<boolean> {
    return this.db.transaction(
      async (tx) => {
        if (!(await tx.tryLock(`samstrat.compact:${strategyId}`))) return false;
        const [row] = await tx.select().from(yjsStates).where(eq(yjsStates.strategyId, strategyId)).limit(1);
        const tail = await this.updatesAfter(tx, strategyId, row?.seq ?? 0);
        if (tail.updates.length === 0 && row) return true;
        const doc = new Y.Doc({ gc: true });
        Y.transact(doc, () => {
          if (row?.state) Y.applyUpdate(doc, row.state);
          for (const update of tail.updates) Y.applyUpdate(doc, update);
        });
        await writeState(tx, strategyId, Y.encodeStateAsUpdate(doc), tail.seq);
        doc.destroy();
        await tx.delete(yjsUpdates).where(and(eq(yjsUpdates.strategyId, strategyId), lte(yjsUpdates.seq, tail.seq)));
        return true;
      },
      { isolation: 'repeatable read' },
    );
  }

  /** How many updates wait in the log; used by tests and metrics. */
  async pendingUpdates(strategyId: string): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(yjsUpdates).where(eq(yjsUpdates.strategyId, strategyId));
    return row?.n ?? 0;
  }

  /** Stores a new strategy's first document as its folded state, in the creating transaction. */
  static async saveInitial(tx: Tx, strategyId: string, doc: Y.Doc): Promise<void> {
    await writeState(tx, strategyId, Y.encodeStateAsUpdate(doc), 0);
    await tx.insert(yjsHeads).values({ strategyId, seq: 0 }).onConflictDoNothing();
  }
}
