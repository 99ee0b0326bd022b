/**
 * Reference counts of the cached assets mounted scenes use, so a unit's models and textures are
 * disposed (GPU memory freed, caches emptied) once a visitor has left it, and not while another
 * scene still draws them. Release waits `graceMs` before disposing: moving from one unit to the
 * next mounts the new scene after the old one unmounts, and an asset both use stays loaded.
 */
export type AssetRetainerOptions = {
  /** Frees one asset: dispose its three.js resources and drop it from the caches. */
  dispose: (key: string) => void;
  graceMs?: number;
  /** Timer functions; the global ones by default (tests pass fakes). */
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
};

export class AssetRetainer {
  private readonly counts = new Map<string, number>();
  private readonly pending = new Map<string, unknown>();
  private readonly graceMs: number;
  private readonly setTimer: (callback: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly options: AssetRetainerOptions) {
    this.graceMs = options.graceMs ?? 3000;
    this.setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  /** Marks `keys` in use by one scene; call the returned function once when the scene goes. */
  retain(keys: Iterable<string>): () => void {
    const held = [...new Set(keys)];
    for (const key of held) {
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      const timer = this.pending.get(key);
      if (timer !== undefined) {
        this.clearTimer(timer);
        this.pending.delete(key);
      }
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const key of held) this.release(key);
    };
  }

  /** How many mounted scenes use `key`. */
  users(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  private release(key: string): void {
    const count = (this.counts.get(key) ?? 0) - 1;
    if (count > 0) {
      this.counts.set(key, count);
      return;
    }
    this.counts.delete(key);
    const timer = this.setTimer(() => {
      this.pending.delete(key);
      if (!this.counts.has(key)) this.options.dispose(key);
    }, this.graceMs);
    this.pending.set(key, timer);
  }
}
