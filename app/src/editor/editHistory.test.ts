import { describe, expect, it } from "vitest";
import { canRedo, canUndo, createHistory, HISTORY_LIMIT, recordEdit, redo, sealEdit, undo } from "./editHistory.ts";

describe("edit history", () => {
  it("undoes and redoes changes in order", () => {
    let history = createHistory("a");
    history = recordEdit(history, "b");
    history = recordEdit(history, "c");
    expect(canUndo(history)).toBe(true);
    expect(canRedo(history)).toBe(false);
    history = undo(history);
    expect(history.present).toBe("b");
    history = undo(history);
    expect(history.present).toBe("a");
    expect(canUndo(history)).toBe(false);
    expect(undo(history)).toBe(history);
    history = redo(redo(history));
    expect(history.present).toBe("c");
    expect(redo(history)).toBe(history);
  });

  it("drops the redo branch when a new change is made after undo", () => {
    let history = recordEdit(recordEdit(createHistory(1), 2), 3);
    history = recordEdit(undo(history), 4);
    expect(history.present).toBe(4);
    expect(canRedo(history)).toBe(false);
    expect(undo(history).present).toBe(2);
  });

  it("makes one step of a gesture's changes with the same key until sealed", () => {
    let history = createHistory({ x: 0 });
    for (const x of [0.1, 0.2, 0.3]) history = recordEdit(history, { x }, "drag-object-0");
    expect(history.past).toHaveLength(1);
    expect(history.present).toEqual({ x: 0.3 });
    history = sealEdit(history);
    history = recordEdit(history, { x: 0.4 }, "drag-object-0");
    expect(history.past).toHaveLength(2);
    expect(undo(history).present).toEqual({ x: 0.3 });
    expect(undo(undo(history)).present).toEqual({ x: 0 });
  });

  it("ignores a change to the same document and keeps at most the limit of steps", () => {
    const start = createHistory(0);
    expect(recordEdit(start, 0)).toBe(start);
    let history = start;
    for (let i = 1; i <= HISTORY_LIMIT + 10; i += 1) history = recordEdit(history, i);
    expect(history.past).toHaveLength(HISTORY_LIMIT);
    expect(history.past[0]).toBe(10);
  });
});
