/**
 * How far each asset download is, keyed like the asset caches (`<gateway> <cid>`), for the
 * per-object progress labels in the 3D view. A tiny external store: loaders write, React reads
 * with `useSyncExternalStore`. Entries are dropped when their download ends either way.
 */
import type { ContentProgress } from "./fetchVerifiedContent.ts";

type Listener = () => void;

export class AssetProgressStore {
  private readonly entries = new Map<string, ContentProgress>();
  private readonly listeners = new Set<Listener>();

  /** Records progress of `key`; listeners hear of it at once. */
  report(key: string, progress: ContentProgress): void {
    const previous = this.entries.get(key);
    if (previous && previous.received === progress.received && previous.total === progress.total) return;
    this.entries.set(key, progress);
    this.emit();
  }

  /** The download of `key` ended (loaded or failed): forget it. */
  finish(key: string): void {
    if (this.entries.delete(key)) this.emit();
  }

  get(key: string): ContentProgress | undefined {
    return this.entries.get(key);
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The app's one store, shared by every loader and label. */
export const assetProgress = new AssetProgressStore();

/** "37%" when the size is known, "1.2 MB" received otherwise, "" before the first byte. */
export function formatProgress(progress: ContentProgress | undefined): string {
  if (!progress) return "";
  if (progress.total !== undefined && progress.total > 0) {
    return `${Math.min(100, Math.floor((progress.received / progress.total) * 100))}%`;
  }
  if (progress.received === 0) return "";
  return `${(progress.received / 1_000_000).toFixed(1)} MB`;
}
