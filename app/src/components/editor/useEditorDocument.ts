"use client";
/**
 * The document being edited and its history: starts from the unit's draft when this browser has
 * one, else from the published scene; every change is autosaved as the unit's draft (debounced)
 * in IndexedDB (`draftDatabase.ts`; localStorage when IndexedDB cannot be opened), and each
 * upload is remembered for the unit at once, apart from the draft. Undo/redo answer Ctrl/⌘+Z,
 * Ctrl/⌘+Shift+Z and Ctrl+Y outside text fields.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { SceneManifest } from "@markspace/ipfs/manifest";
import type { LibraryAsset } from "../../editor/assetLibrary.ts";
import {
  openDraftDatabase,
  storageDraftDatabase,
  type DraftDatabase,
  type StoredDraft,
} from "../../editor/draftDatabase.ts";
import {
  canRedo,
  canUndo,
  createHistory,
  recordEdit,
  redo,
  sealEdit,
  undo,
  type EditHistory,
} from "../../editor/editHistory.ts";

export type DraftState =
  | { state: "none" }
  | { state: "restored"; savedAt: number; baseCid: string | null; migrated: boolean }
  | { state: "invalid"; reason: string };

export type SaveState = { state: "idle" } | { state: "saved"; at: number } | { state: "failed"; message: string };

const AUTOSAVE_DELAY_MS = 300;

/** The browser's draft database, opened once per page; localStorage when IndexedDB is unavailable. */
let database: Promise<{ db: DraftDatabase; fallback: string | undefined }> | undefined;
function draftDatabase() {
  database ??= openDraftDatabase({ indexedDB: window.indexedDB, legacy: window.localStorage }).then(
    (db) => ({ db, fallback: undefined }),
    (error: unknown) => ({
      db: storageDraftDatabase(window.localStorage),
      fallback: `${(error as Error).message}; drafts are kept in localStorage (a few MB) instead`,
    }),
  );
  return database;
}

export function useEditorDocument(params: {
  draftKey: string;
  /** The published scene (migrated), once loaded. */
  published: SceneManifest | undefined;
  publishedCid: string | null;
}) {
  const { draftKey, published, publishedCid } = params;
  const [history, setHistory] = useState<EditHistory<SceneManifest>>();
  const [library, setLibrary] = useState<LibraryAsset[]>([]);
  const [draft, setDraft] = useState<DraftState>({ state: "none" });
  const [save, setSave] = useState<SaveState>({ state: "idle" });
  const [storageNote, setStorageNote] = useState<string>();
  const base = useRef<string | null>(null);
  const loaded = useRef(false);

  // Starts once the published scene is known: the draft wins when there is one.
  useEffect(() => {
    if (loaded.current || !published) return;
    loaded.current = true;
    let cancelled = false;
    void (async () => {
      const { db, fallback } = await draftDatabase();
      if (fallback) setStorageNote(fallback);
      let load: Awaited<ReturnType<DraftDatabase["load"]>>;
      try {
        load = await db.load(draftKey);
      } catch (error) {
        load = { draft: { state: "invalid", reason: (error as Error).message }, library: [] };
      }
      if (cancelled) return;
      setLibrary(load.library);
      if (load.draft.state === "found") {
        const found = load.draft.draft;
        base.current = found.baseCid;
        setHistory(createHistory(found.manifest));
        setDraft({ state: "restored", savedAt: found.savedAt, baseCid: found.baseCid, migrated: load.draft.migrated });
      } else {
        base.current = publishedCid;
        setHistory(createHistory(published));
        if (load.draft.state === "invalid") setDraft(load.draft);
      }
    })();
    return () => {
      cancelled = true;
      loaded.current = false;
    };
  }, [draftKey, published, publishedCid]);

  // Autosave: a draft only exists once something changed (or a draft was restored).
  const present = history?.present;
  const touched = history !== undefined && (history.past.length > 0 || draft.state === "restored");
  useEffect(() => {
    if (!present || !touched) return;
    const timer = window.setTimeout(() => {
      const entry: StoredDraft = { manifest: present, baseCid: base.current, savedAt: Date.now() };
      void draftDatabase()
        .then(({ db }) => db.saveDraft(draftKey, entry))
        .then(
          () => setSave({ state: "saved", at: entry.savedAt }),
          (error: unknown) =>
            setSave({ state: "failed", message: error instanceof Error ? error.message : String(error) }),
        );
    }, AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [present, touched, draftKey]);

  // Uploads are remembered at once (not debounced): a closed tab right after one loses nothing.
  const libraryLoaded = history !== undefined;
  useEffect(() => {
    if (!libraryLoaded) return;
    void draftDatabase()
      .then(({ db }) => db.saveLibrary(draftKey, library))
      .catch((error: unknown) =>
        setSave({ state: "failed", message: error instanceof Error ? error.message : String(error) }),
      );
  }, [library, libraryLoaded, draftKey]);

  const edit = useCallback((change: (manifest: SceneManifest) => SceneManifest, coalesce?: string) => {
    setHistory((current) => (current ? recordEdit(current, change(current.present), coalesce) : current));
  }, []);
  const seal = useCallback(() => setHistory((current) => (current ? sealEdit(current) : current)), []);
  const doUndo = useCallback(() => setHistory((current) => (current ? undo(current) : current)), []);
  const doRedo = useCallback(() => setHistory((current) => (current ? redo(current) : current)), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable='true']")) return;
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) {
        event.preventDefault();
        doUndo();
      } else if ((key === "z" && event.shiftKey) || key === "y") {
        event.preventDefault();
        doRedo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [doUndo, doRedo]);

  /** Throws away the draft and starts again from the published scene. */
  const discardDraft = useCallback(() => {
    void draftDatabase().then(({ db }) => db.clearDraft(draftKey));
    setDraft({ state: "none" });
    setSave({ state: "idle" });
    if (published) {
      base.current = publishedCid;
      setHistory(createHistory(published));
    }
  }, [draftKey, published, publishedCid]);

  /** After a confirmed publish: the published scene is the new base and the draft is done. */
  const markPublished = useCallback(
    (cid: string) => {
      void draftDatabase().then(({ db }) => db.clearDraft(draftKey));
      base.current = cid;
      setDraft({ state: "none" });
      setSave({ state: "idle" });
      setHistory((current) => (current ? createHistory(current.present) : current));
    },
    [draftKey],
  );

  return {
    manifest: present,
    history,
    library,
    setLibrary,
    draft,
    save,
    storageNote,
    edit,
    seal,
    undo: doUndo,
    redo: doRedo,
    canUndo: history ? canUndo(history) : false,
    canRedo: history ? canRedo(history) : false,
    discardDraft,
    markPublished,
  };
}
