/**
 * Undo/redo for the editor: a list of past documents, the present one and the undone ones. A
 * gesture that sends many small changes (dragging a gizmo, typing a colour) passes the same
 * `coalesce` key each time and becomes one step. Immutable: every function returns a new history.
 */

export type EditHistory<T> = {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** The coalescing key of the last change, while further changes with it join that step. */
  lastKey: string | undefined;
};

/** Steps kept to undo; older ones are dropped. */
export const HISTORY_LIMIT = 200;

export function createHistory<T>(present: T): EditHistory<T> {
  return { past: [], present, future: [], lastKey: undefined };
}

/**
 * Records `next` as the new present. With `coalesce` equal to the previous change's key, the
 * previous step is replaced instead of a new one added (so one drag is one undo). A change equal
 * (by reference) to the present is ignored.
 */
export function recordEdit<T>(history: EditHistory<T>, next: T, coalesce?: string): EditHistory<T> {
  if (next === history.present) return history;
  if (coalesce !== undefined && coalesce === history.lastKey) {
    return { ...history, present: next, future: [] };
  }
  const past = [...history.past, history.present];
  return { past: past.slice(-HISTORY_LIMIT), present: next, future: [], lastKey: coalesce };
}

/** Ends a coalescing gesture: the next change is its own step even with the same key. */
export function sealEdit<T>(history: EditHistory<T>): EditHistory<T> {
  return history.lastKey === undefined ? history : { ...history, lastKey: undefined };
}

export function canUndo(history: EditHistory<unknown>): boolean {
  return history.past.length > 0;
}

export function canRedo(history: EditHistory<unknown>): boolean {
  return history.future.length > 0;
}

export function undo<T>(history: EditHistory<T>): EditHistory<T> {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    lastKey: undefined,
  };
}

export function redo<T>(history: EditHistory<T>): EditHistory<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest, lastKey: undefined };
}
