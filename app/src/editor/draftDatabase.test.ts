import { IDBFactory } from "fake-indexeddb";
import { beforeAll, describe, expect, it } from "vitest";
import { computeRawCid } from "@markspace/ipfs/client";
import { EMPTY_ROOM } from "@markspace/ipfs/manifest";
import type { LibraryAsset } from "./assetLibrary.ts";
import { MAX_LIBRARY_ASSETS, openDraftDatabase, storageDraftDatabase } from "./draftDatabase.ts";
import { readDraft, writeDraft, type DraftStorage } from "./draftStore.ts";
import { addObject } from "./sceneEdits.ts";

/** The Storage interface over a Map: what localStorage does, without a browser. */
function memoryStorage(): DraftStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

let lamp: LibraryAsset;
let song: LibraryAsset;
beforeAll(async () => {
  const cid = (text: string) => computeRawCid(new TextEncoder().encode(text));
  lamp = {
    cid: await cid("lamp"),
    kind: "model",
    name: "lamp.glb",
    bytes: 10,
    drawCalls: 1,
    triangles: 12,
    origin: "upload",
  };
  song = {
    cid: await cid("song"),
    kind: "audio",
    name: "song.mp3",
    bytes: 4_000_000,
    drawCalls: 0,
    triangles: 0,
    mimeType: "audio/mpeg",
    origin: "upload",
  };
});

describe("the IndexedDB draft database", () => {
  it("keeps a draft and the unit's uploads across openings, and the uploads after the draft is cleared", async () => {
    const indexedDB = new IDBFactory();
    const manifest = addObject(EMPTY_ROOM, { name: "Lamp", cid: lamp.cid });
    const first = await openDraftDatabase({ indexedDB });
    expect(await first.load("unit-1")).toEqual({ draft: { state: "none" }, library: [] });
    await first.saveLibrary("unit-1", [lamp, song]);
    await first.saveDraft("unit-1", { manifest, baseCid: null, savedAt: 5 });
    first.close();

    const second = await openDraftDatabase({ indexedDB });
    expect(await second.load("unit-1")).toEqual({
      draft: { state: "found", draft: { manifest, baseCid: null, savedAt: 5 }, migrated: false },
      library: [lamp, song],
    });
    expect((await second.load("unit-2")).library).toEqual([]);
    await second.clearDraft("unit-1");
    // A failed or finished publish clears the draft; nothing uploaded is forgotten.
    expect(await second.load("unit-1")).toEqual({ draft: { state: "none" }, library: [lamp, song] });
    second.close();
  });

  it("holds a draft far larger than localStorage allows", async () => {
    const db = await openDraftDatabase({ indexedDB: new IDBFactory() });
    const big = { ...EMPTY_ROOM, description: "x".repeat(2000) };
    const library = Array.from({ length: MAX_LIBRARY_ASSETS + 5 }, (_, i) => ({
      ...lamp,
      name: `${i}-${"n".repeat(150)}`,
    }));
    await db.saveLibrary("k", library);
    await db.saveDraft("k", { manifest: big, baseCid: null, savedAt: 1 });
    const loaded = await db.load("k");
    expect(loaded.library).toHaveLength(MAX_LIBRARY_ASSETS);
    expect(loaded.library.at(-1)!.name).toBe(library.at(-1)!.name);
    expect(loaded.draft.state).toBe("found");
  });

  it("migrates a localStorage draft once, keeping its uploads, then removes it there", async () => {
    const indexedDB = new IDBFactory();
    const legacy = memoryStorage();
    const manifest = addObject(EMPTY_ROOM, { name: "Lamp", cid: lamp.cid });
    writeDraft(legacy, "k", { manifest, library: [lamp], baseCid: "bafyold", savedAt: 7 });
    const db = await openDraftDatabase({ indexedDB, legacy });
    await db.saveLibrary("k", [song]);
    expect(await db.load("k")).toEqual({
      draft: { state: "found", draft: { manifest, baseCid: "bafyold", savedAt: 7 }, migrated: true },
      library: [song, lamp],
    });
    expect(readDraft(legacy, "k")).toEqual({ state: "none" });
    const again = await db.load("k");
    expect(again.draft).toMatchObject({ state: "found", migrated: false });
    expect(again.library).toEqual([song, lamp]);
  });

  it("reports a stored draft that no longer parses, and skips damaged uploads", async () => {
    const indexedDB = new IDBFactory();
    const db = await openDraftDatabase({ indexedDB });
    db.close();
    // Written as another (future or broken) version of the editor might have left them.
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open("markspace-editor");
      open.onsuccess = () => {
        const tx = open.result.transaction(["drafts", "libraries"], "readwrite");
        tx.objectStore("drafts").put({ format: 2, manifest: { version: 9 }, baseCid: null, savedAt: 1 }, "k");
        tx.objectStore("libraries").put([{ cid: "nope" }, lamp], "k");
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
    });
    const reopened = await openDraftDatabase({ indexedDB });
    const loaded = await reopened.load("k");
    expect(loaded.draft).toMatchObject({ state: "invalid", reason: expect.stringMatching(/^manifest/) });
    expect(loaded.library).toEqual([lamp]);
  });

  it("is refused when the browser has no IndexedDB, and falls back to localStorage", async () => {
    await expect(openDraftDatabase({ indexedDB: undefined })).rejects.toThrow("This browser has no IndexedDB");
    const storage = memoryStorage();
    const fallback = storageDraftDatabase(storage);
    await fallback.saveLibrary("k", [lamp]);
    await fallback.saveDraft("k", { manifest: EMPTY_ROOM, baseCid: null, savedAt: 3 });
    const reread = await storageDraftDatabase(storage).load("k");
    expect(reread).toEqual({
      draft: { state: "found", draft: { manifest: EMPTY_ROOM, baseCid: null, savedAt: 3 }, migrated: false },
      library: [lamp],
    });
    await fallback.clearDraft("k");
    expect(storage.items.size).toBe(0);
  });
});
