import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client';
import { organizations } from '../src/db/schema';
import { openTestDatabase } from './databases';

// The data layer's promises, on the database of this run (SQLite, then PostgreSQL in CI).

let db: Db;
beforeAll(async () => {
  db = await openTestDatabase();
  await db.transaction(async (tx) => {
    await tx.insert(organizations).values({ id: 'teller', name: '0' });
  });
});
afterAll(async () => {
  await db.close();
});

const counter = async () =>
  Number(
    (await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, 'teller')))[0]!.name,
  );

describe('db.transaction', () => {
  it('loses no increment when many read and write the same row at once (PostgreSQL retries the losers)', async () => {
    const before = await counter();
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction(async (tx) => {
          const [row] = await tx
            .select({ name: organizations.name })
            .from(organizations)
            .where(eq(organizations.id, 'teller'));
          // Gives the others time to read the same value.
          await new Promise((resolve) => setImmediate(resolve));
          await tx
            .update(organizations)
            .set({ name: String(Number(row!.name) + 1) })
            .where(eq(organizations.id, 'teller'));
        }),
      ),
    );
    expect(await counter()).toBe(before + 20);
  });

  it('runs afterCommit once the transaction committed, afterRollback when it did not, never both', async () => {
    const heard: string[] = [];
    await db.transaction(async (tx) => {
      tx.afterCommit(() => heard.push('committed'));
      tx.afterRollback(() => heard.push('rolled back'));
      heard.push('inside');
    });
    await expect(
      db.transaction(async (tx) => {
        tx.afterCommit(() => heard.push('committed 2'));
        tx.afterRollback(() => heard.push('rolled back 2'));
        await tx.update(organizations).set({ name: 'tapt' }).where(eq(organizations.id, 'teller'));
        throw new Error('avbrutt');
      }),
    ).rejects.toThrow('avbrutt');
    expect(heard).toEqual(['inside', 'committed', 'rolled back 2']);
    expect(await counter()).not.toBeNaN();
  });

  it('refuses a transaction opened inside another at once, instead of waiting for itself', async () => {
    await expect(db.transaction(async () => await db.transaction(async () => 1))).rejects.toThrow(
      /inside a transaction/,
    );
    // Also after the outer one has awaited its own queries, from a helper it awaits.
    const helper = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return db.transaction(async () => 1);
    };
    await expect(
      db.transaction(async (tx) => {
        await tx.select().from(organizations).where(eq(organizations.id, 'teller'));
        return await helper();
      }),
    ).rejects.toThrow(/inside a transaction/);
    // Two side by side are not nested.
    expect(await Promise.all([db.transaction(async () => 1), db.transaction(async () => 2)])).toEqual([1, 2]);
    // Work after a commit is outside it: it may start the next one.
    const next = await new Promise<number>((resolve, reject) => {
      db.transaction(async (tx) => {
        tx.afterCommit(() => void db.transaction(async () => 2).then(resolve, reject));
      }).catch(reject);
    });
    expect(next).toBe(2);
  });
});
