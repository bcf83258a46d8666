/**
 * One at a time, in arrival order: `run` waits for every earlier call to settle before it starts
 * its function. SQLite takes one writer; this keeps our transactions from interleaving on it.
 */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    // The next caller waits for this one to settle, whether it succeeded or not.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
