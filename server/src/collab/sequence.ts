/**
 * Which of a strategy's logged updates (numbered 1, 2, 3 … by the database) a room's document
 * holds: every one up to `upTo`, and some ranges beyond it that arrived early (its own saves,
 * other processes' news). A range beyond `upTo + 1` means news went missing or is late; the room
 * then reads the gap from the database.
 */
export class SequenceTracker {
  private contiguous: number;
  /** Disjoint, sorted ranges above `contiguous + 1`. */
  private ahead: [number, number][] = [];

  constructor(upTo: number) {
    this.contiguous = upTo;
  }

  /** Every update up to this one is in the document. */
  get upTo(): number {
    return this.contiguous;
  }

  /** The highest update the document holds. */
  get highest(): number {
    return this.ahead.at(-1)?.[1] ?? this.contiguous;
  }

  /** True when some update below `highest` is missing. */
  get hasGap(): boolean {
    return this.ahead.length > 0;
  }

  /** True when the document holds every update from `first` to `last`. */
  covers(first: number, last: number): boolean {
    if (last <= this.contiguous) return true;
    return this.ahead.some(([a, b]) => a <= Math.max(first, this.contiguous + 1) && last <= b);
  }

  /** Notes that updates `first`…`last` are in the document. */
  add(first: number, last: number): void {
    if (last <= this.contiguous) return;
    if (first <= this.contiguous + 1) {
      this.contiguous = last;
    } else {
      this.ahead.push([first, last]);
      this.ahead.sort((x, y) => x[0] - y[0]);
    }
    // Absorb what now joins on, and merge what overlaps.
    const rest: [number, number][] = [];
    for (const [a, b] of this.ahead) {
      if (a <= this.contiguous + 1) this.contiguous = Math.max(this.contiguous, b);
      else if (rest.length > 0 && a <= rest.at(-1)![1] + 1) rest.at(-1)![1] = Math.max(rest.at(-1)![1], b);
      else rest.push([a, b]);
    }
    this.ahead = rest;
  }
}
