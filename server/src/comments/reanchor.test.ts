import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Deps } from '../context';
import { startReanchoring } from './reanchor';

/** The schedule alone: when the re-anchoring check runs after saves. The check itself runs over real sockets in server/test/comment-reanchor.test.ts. */

// The schedule touches only the log; the rest of Deps is never read here.
const deps = { log: pino({ level: 'silent' }) } as unknown as Deps;

function schedule() {
  const runs: string[] = [];
  const reanchoring = startReanchoring(deps, { delayMs: 1_000, check: (_, id) => runs.push(id) });
  return { runs, reanchoring };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('re-anchoring after saves', () => {
  it('runs once per strategy a second after the first of many saves, never on the save itself', () => {
    vi.useFakeTimers();
    const { runs, reanchoring } = schedule();
    for (let i = 0; i < 50; i++) reanchoring.saved('a');
    reanchoring.saved('b');
    expect(runs).toEqual([]);
    vi.advanceTimersByTime(999);
    expect(runs).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(runs.sort()).toEqual(['a', 'b']);
  });

  it('runs again after a later save, at most once a second', () => {
    vi.useFakeTimers();
    const { runs, reanchoring } = schedule();
    for (let ms = 0; ms < 3_000; ms += 10) {
      reanchoring.saved('a');
      vi.advanceTimersByTime(10);
    }
    expect(runs).toEqual(['a', 'a', 'a']);
  });

  it('runs nothing once stopped', () => {
    vi.useFakeTimers();
    const { runs, reanchoring } = schedule();
    reanchoring.saved('a');
    reanchoring.stop();
    reanchoring.saved('b');
    vi.advanceTimersByTime(5_000);
    expect(runs).toEqual([]);
  });

  it('keeps going after a check that failed', () => {
    vi.useFakeTimers();
    let calls = 0;
    const reanchoring = startReanchoring(deps, {
      delayMs: 1_000,
      check: () => {
        calls++;
        throw new Error('database busy');
      },
    });
    reanchoring.saved('a');
    vi.advanceTimersByTime(1_000);
    reanchoring.saved('a');
    vi.advanceTimersByTime(1_000);
    expect(calls).toBe(2);
  });
});
