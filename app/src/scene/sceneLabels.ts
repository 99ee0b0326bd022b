/**
 * Labels pinned to points of the 3D scene (asset markers, media, portals, hotspots), drawn as
 * ordinary DOM over the canvas by the page's own React tree. Scene components register an
 * anchor and the label's content here; the overlay renders the contents; a tracker in the render
 * loop moves each label's element to its anchor's screen position. (drei's `<Html>` gives every
 * label its own React root, which warns and races when labels come and go during a commit.)
 */
import type { ReactNode } from "react";
import type { Object3D } from "three";

export type LabelEntry = { id: string; anchor: Object3D; content: ReactNode };

type Listener = () => void;

export class SceneLabelStore {
  private readonly entries = new Map<string, LabelEntry>();
  private readonly listeners = new Set<Listener>();
  private snapshot: readonly LabelEntry[] = [];
  /** The overlay's element of each label, for the tracker to move. */
  readonly elements = new Map<string, HTMLElement>();

  set(entry: LabelEntry): void {
    this.entries.set(entry.id, entry);
    this.changed();
  }

  remove(id: string): void {
    if (this.entries.delete(id)) this.changed();
  }

  /** The labels, the same array until one changes (for `useSyncExternalStore`). */
  list = (): readonly LabelEntry[] => this.snapshot;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.snapshot = [...this.entries.values()];
    for (const listener of this.listeners) listener();
  }
}

/**
 * Screen position (pixels from the top left of a `width` × `height` view) of a point already in
 * normalized device coordinates, or undefined when it is behind the camera or outside the depth range.
 */
export function ndcToScreen(
  ndc: { x: number; y: number; z: number },
  width: number,
  height: number,
): [number, number] | undefined {
  if (ndc.z < -1 || ndc.z > 1) return undefined;
  return [((ndc.x + 1) / 2) * width, ((1 - ndc.y) / 2) * height];
}
