/**
 * The first draft format: one JSON entry per unit in a `Storage` (localStorage) holding the
 * manifest being edited, the uploaded assets (already on IPFS) and the CID the draft started
 * from, validated with zod when read back; a draft that no longer parses is reported, not used.
 * The editor now keeps drafts in IndexedDB (`draftDatabase.ts`); this format remains what an
 * older draft is migrated from, and where drafts go when IndexedDB cannot be opened.
 */
import { z } from "zod";
import { sceneManifestSchema, type SceneManifest } from "@markspace/ipfs/manifest";
import { libraryAssetSchema, type LibraryAsset } from "./assetLibrary.ts";

export type EditorDraft = {
  manifest: SceneManifest;
  library: LibraryAsset[];
  /** The published scene the draft started from (null: the unit had none). */
  baseCid: string | null;
  /** When the draft was saved, milliseconds since the epoch. */
  savedAt: number;
};

const draftSchema = z.object({
  format: z.literal(1),
  manifest: sceneManifestSchema,
  library: z.array(libraryAssetSchema).max(500),
  baseCid: z.string().nullable(),
  savedAt: z.number().int().nonnegative(),
});

export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export type DraftRead =
  { state: "none" } | { state: "found"; draft: EditorDraft } | { state: "invalid"; reason: string };

/** The storage key of a unit's draft: per chain and registry, so two deployments never share one. */
export function draftKey(chainId: number, registry: string, unitId: string): string {
  return `markspace:editor-draft:${chainId}:${registry.toLowerCase()}:${unitId}`;
}

export function readDraft(storage: DraftStorage, key: string): DraftRead {
  const text = storage.getItem(key);
  if (text === null) return { state: "none" };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { state: "invalid", reason: `not JSON (${(error as Error).message})` };
  }
  const result = draftSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { state: "invalid", reason: `${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}` };
  }
  const { manifest, library, baseCid, savedAt } = result.data;
  return { state: "found", draft: { manifest, library, baseCid, savedAt } };
}

/** Saves `draft`; throws when the storage refuses it (full, or switched off), so the page can say so. */
export function writeDraft(storage: DraftStorage, key: string, draft: EditorDraft): void {
  storage.setItem(key, JSON.stringify({ format: 1, ...draft }));
}

export function clearDraft(storage: DraftStorage, key: string): void {
  storage.removeItem(key);
}
