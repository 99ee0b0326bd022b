/**
 * Drafts in IndexedDB: per unit, the manifest being edited (with the CID it started from) and,
 * apart from it, the library of files this browser uploaded for the unit. IndexedDB holds far
 * more than localStorage's few megabytes, and the library outlives the draft — a discarded draft
 * or a publish (failed or not) never loses an upload: its CID stays listed, ready to place again.
 *
 * A draft an earlier version of the editor left in localStorage (`draftStore.ts`) is moved here
 * the first time the unit is opened, then removed from localStorage, so it is migrated once.
 * Everything read back is checked with zod; a draft that no longer parses is reported, not used.
 */
import { z } from "zod";
import { sceneManifestSchema, type SceneManifest } from "@markspace/ipfs/manifest";
import { libraryAssetSchema, withAsset, type LibraryAsset } from "./assetLibrary.ts";
import {
  clearDraft as clearLegacyDraft,
  readDraft as readLegacyDraft,
  writeDraft as writeLegacyDraft,
  type DraftStorage,
} from "./draftStore.ts";

export const DRAFT_DATABASE_NAME = "markspace-editor";
const DATABASE_VERSION = 1;
const DRAFTS = "drafts";
const LIBRARIES = "libraries";

/** Most uploads remembered per unit (localStorage allowed 500 in the old format). */
export const MAX_LIBRARY_ASSETS = 2000;

export type StoredDraft = {
  manifest: SceneManifest;
  /** The published scene the draft started from (null: the unit had none). */
  baseCid: string | null;
  /** When the draft was saved, milliseconds since the epoch. */
  savedAt: number;
};

export type DraftLoad = {
  draft:
    | { state: "none" }
    | { state: "found"; draft: StoredDraft; migrated: boolean }
    | { state: "invalid"; reason: string };
  library: LibraryAsset[];
};

const draftRecordSchema = z.object({
  format: z.literal(2),
  manifest: sceneManifestSchema,
  baseCid: z.string().nullable(),
  savedAt: z.number().int().nonnegative(),
});

export type DraftDatabase = {
  /** The unit's draft (migrated from localStorage when only an old one exists) and its uploads. */
  load(key: string): Promise<DraftLoad>;
  saveDraft(key: string, draft: StoredDraft): Promise<void>;
  /** Replaces the unit's remembered uploads. */
  saveLibrary(key: string, library: readonly LibraryAsset[]): Promise<void>;
  /** Forgets the draft; the uploads stay. */
  clearDraft(key: string): Promise<void>;
  close(): void;
};

/** IndexedDB is missing or refused to open (private windows of some browsers, storage switched off). */
export class DraftDatabaseUnavailableError extends Error {
  override name = "DraftDatabaseUnavailableError";
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB request failed"));
  });
}

function committed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error("IndexedDB transaction failed"));
    transaction.onabort = () => reject(transaction.error ?? new Error("IndexedDB transaction aborted"));
  });
}

/**
 * Opens (creating on first use) the editor's database. `legacy` is the localStorage that older
 * drafts are migrated from; tests pass their own.
 */
export async function openDraftDatabase(params: {
  indexedDB: IDBFactory | undefined;
  legacy?: DraftStorage | undefined;
}): Promise<DraftDatabase> {
  const factory = params.indexedDB;
  if (!factory) throw new DraftDatabaseUnavailableError("This browser has no IndexedDB");
  const request = factory.open(DRAFT_DATABASE_NAME, DATABASE_VERSION);
  request.onupgradeneeded = () => {
    const db = request.result;
    if (!db.objectStoreNames.contains(DRAFTS)) db.createObjectStore(DRAFTS);
    if (!db.objectStoreNames.contains(LIBRARIES)) db.createObjectStore(LIBRARIES);
  };
  let db: IDBDatabase;
  try {
    db = await done(request);
  } catch (error) {
    throw new DraftDatabaseUnavailableError(`IndexedDB could not be opened: ${(error as Error)?.message ?? error}`);
  }
  const legacy = params.legacy;

  const readLibrary = async (key: string): Promise<LibraryAsset[]> => {
    const raw: unknown = await done(db.transaction(LIBRARIES).objectStore(LIBRARIES).get(key));
    if (!Array.isArray(raw)) return [];
    // One damaged entry must not hide the others.
    return raw.flatMap((entry) => {
      const parsed = libraryAssetSchema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
  };

  const write = async (key: string, draft: StoredDraft | undefined, library: readonly LibraryAsset[] | undefined) => {
    const stores = [...(draft ? [DRAFTS] : []), ...(library ? [LIBRARIES] : [])];
    const transaction = db.transaction(stores, "readwrite");
    if (draft) transaction.objectStore(DRAFTS).put({ format: 2, ...draft }, key);
    if (library) transaction.objectStore(LIBRARIES).put(library.slice(-MAX_LIBRARY_ASSETS), key);
    await committed(transaction);
  };

  return {
    async load(key) {
      const [raw, library] = await Promise.all([
        done(db.transaction(DRAFTS).objectStore(DRAFTS).get(key)) as Promise<unknown>,
        readLibrary(key),
      ]);
      if (raw !== undefined) {
        const parsed = draftRecordSchema.safeParse(raw);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return {
            draft: { state: "invalid", reason: `${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}` },
            library,
          };
        }
        const { manifest, baseCid, savedAt } = parsed.data;
        return { draft: { state: "found", draft: { manifest, baseCid, savedAt }, migrated: false }, library };
      }
      const old = legacy ? readLegacyDraft(legacy, key) : { state: "none" as const };
      if (old.state === "none") return { draft: { state: "none" }, library };
      if (old.state === "invalid") return { draft: old, library };
      const { manifest, baseCid, savedAt } = old.draft;
      const merged = old.draft.library.reduce(withAsset, library);
      await write(key, { manifest, baseCid, savedAt }, merged);
      // Only once it is safely here does the old copy go.
      clearLegacyDraft(legacy!, key);
      return { draft: { state: "found", draft: { manifest, baseCid, savedAt }, migrated: true }, library: merged };
    },
    saveDraft: (key, draft) => write(key, draft, undefined),
    saveLibrary: (key, library) => write(key, undefined, library),
    async clearDraft(key) {
      const transaction = db.transaction(DRAFTS, "readwrite");
      transaction.objectStore(DRAFTS).delete(key);
      await committed(transaction);
      // An unreadable old draft is deleted with it, so it is not reported again.
      if (legacy) clearLegacyDraft(legacy, key);
    },
    close: () => db.close(),
  };
}

/**
 * The same interface over a `Storage` (localStorage), for a browser whose IndexedDB cannot be
 * opened: drafts in the old one-key format, limited by that storage's few megabytes.
 */
export function storageDraftDatabase(storage: DraftStorage): DraftDatabase {
  const libraries = new Map<string, LibraryAsset[]>();
  const drafts = new Map<string, StoredDraft>();
  const persist = (key: string) => {
    const draft = drafts.get(key);
    if (draft) writeLegacyDraft(storage, key, { ...draft, library: libraries.get(key) ?? [] });
  };
  return {
    async load(key) {
      const old = readLegacyDraft(storage, key);
      if (old.state !== "found") return { draft: old, library: [] };
      const { manifest, baseCid, savedAt, library } = old.draft;
      drafts.set(key, { manifest, baseCid, savedAt });
      libraries.set(key, library);
      return { draft: { state: "found", draft: { manifest, baseCid, savedAt }, migrated: false }, library };
    },
    async saveDraft(key, draft) {
      drafts.set(key, draft);
      persist(key);
    },
    async saveLibrary(key, library) {
      libraries.set(key, [...library]);
      persist(key);
    },
    async clearDraft(key) {
      drafts.delete(key);
      clearLegacyDraft(storage, key);
    },
    close: () => {},
  };
}
