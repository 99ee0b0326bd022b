/** A counting semaphore: at most `count` holders at once, the others wait in arrival order. */
export class Permits {
  private available: number;
  private readonly waiting: Array<() => void> = [];

  constructor(count: number) {
    this.available = count;
  }

  /** Resolves with a release function once a permit is free. */
  async acquire(): Promise<() => void> {
    if (this.available > 0) this.available--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.available++;
    };
  }
}
