"use client";
/**
 * The document being edited and its history: starts from the unit's draft when this browser has
 * one, else from the published scene; every change is autosaved as the unit's draft (debounced),
 * and undo/redo answer Ctrl/⌘+Z, Ctrl/⌘+Shift+Z and Ctrl+Y outside text fields.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { SceneManifest } from "@markspace/ipfs/manifest";
import type { LibraryAsset } from "../../editor/assetLibrary.ts";
import { clearDraft, readDraft, writeDraft, type EditorDraft } from "../../editor/draftStore.ts";
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
  | { state: "restored"; savedAt: number; baseCid: string | null }
  | { state: "invalid"; reason: string };

export type SaveState = { state: "idle" } | { state: "saved"; at: number } | { state: "failed"; message: string };

const AUTOSAVE_DELAY_MS = 300;

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
  const base = useRef<string | null>(null);

  // Starts once the published scene is known: the draft wins when there is one.
  useEffect(() => {
    if (history || !published) return;
    const read = readDraft(window.localStorage, draftKey);
    if (read.state === "found") {
      base.current = read.draft.baseCid;
      setHistory(createHistory(read.draft.manifest));
      setLibrary(read.draft.library);
      setDraft({ state: "restored", savedAt: read.draft.savedAt, baseCid: read.draft.baseCid });
    } else {
      base.current = publishedCid;
      setHistory(createHistory(published));
      if (read.state === "invalid") setDraft(read);
    }
  }, [draftKey, history, published, publishedCid]);

  // Autosave: a draft only exists once something changed (or a draft was restored).
  const present = history?.present;
  const touched = history !== undefined && (history.past.length > 0 || draft.state === "restored");
  useEffect(() => {
    if (!present || !touched) return;
    const timer = window.setTimeout(() => {
      const entry: EditorDraft = { manifest: present, library, baseCid: base.current, savedAt: Date.now() };
      try {
        writeDraft(window.localStorage, draftKey, entry);
        setSave({ state: "saved", at: entry.savedAt });
      } catch (error) {
        setSave({ state: "failed", message: error instanceof Error ? error.message : String(error) });
      }
    }, AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [present, library, touched, draftKey]);

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
    clearDraft(window.localStorage, draftKey);
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
      clearDraft(window.localStorage, draftKey);
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
