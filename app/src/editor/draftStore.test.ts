import { describe, expect, it } from "vitest";
import { computeRawCid } from "@markspace/ipfs/client";
import { EMPTY_ROOM, type SceneManifestV1Input } from "@markspace/ipfs/manifest";
import { clearDraft, draftKey, readDraft, writeDraft, type DraftStorage } from "./draftStore.ts";
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

describe("draft store", () => {
  it("keys drafts by chain, registry and unit", () => {
    expect(draftKey(31337, "0xAbC", "42")).toBe("markspace:editor-draft:31337:0xabc:42");
    expect(draftKey(1, "0xabc", "42")).not.toBe(draftKey(31337, "0xabc", "42"));
  });

  it("saves and reads back a draft with its uploads", async () => {
    const storage = memoryStorage();
    const cid = await computeRawCid(new TextEncoder().encode("glb"));
    const manifest = addObject(EMPTY_ROOM, { name: "Lamp", cid });
    const library = [
      {
        cid,
        kind: "model" as const,
        name: "lamp.glb",
        bytes: 10,
        drawCalls: 1,
        triangles: 12,
        origin: "upload" as const,
      },
    ];
    expect(readDraft(storage, "k")).toEqual({ state: "none" });
    writeDraft(storage, "k", { manifest, library, baseCid: null, savedAt: 1234 });
    expect(readDraft(storage, "k")).toEqual({
      state: "found",
      draft: { manifest, library, baseCid: null, savedAt: 1234 },
    });
    clearDraft(storage, "k");
    expect(readDraft(storage, "k")).toEqual({ state: "none" });
  });

  it("migrates a draft holding a version 1 manifest", () => {
    const storage = memoryStorage();
    const v1: SceneManifestV1Input = {
      version: 1,
      name: "Old",
      room: { width: 6, depth: 6, height: 3 },
      floor: { color: "#aaaaaa" },
      walls: { color: "#eeeeee" },
    };
    storage.setItem("k", JSON.stringify({ format: 1, manifest: v1, library: [], baseCid: null, savedAt: 1 }));
    const read = readDraft(storage, "k");
    expect(read.state).toBe("found");
    if (read.state === "found") expect(read.draft.manifest.version).toBe(2);
  });

  it("reports a corrupt or invalid draft instead of using it", () => {
    const storage = memoryStorage();
    storage.setItem("a", "{not json");
    expect(readDraft(storage, "a")).toMatchObject({ state: "invalid", reason: expect.stringMatching(/not JSON/) });
    storage.setItem(
      "b",
      JSON.stringify({ format: 1, manifest: { version: 9 }, library: [], baseCid: null, savedAt: 1 }),
    );
    expect(readDraft(storage, "b")).toMatchObject({ state: "invalid", reason: expect.stringMatching(/^manifest/) });
  });
});
