"use client";
/**
 * The editing workspace: the 3D view with its toolbar (undo/redo, gizmo mode, snapping, panorama
 * and preview), and beside it the panels — catalog, uploads, the selection's properties,
 * materials, video screens, speakers, lights, doors, time of day and weather, panorama and
 * hotspots, budget meters, publish. The document lives in
 * `useEditorDocument` (history + autosaved draft); every panel changes it through `edit`.
 */
import dynamic from "next/dynamic";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { SceneManifest } from "@markspace/ipfs/manifest";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { costsOf, type LibraryAsset } from "../../editor/assetLibrary.ts";
import { sceneBudgetReport } from "../../editor/budgetMeters.ts";
import { fetchCatalog } from "../../editor/editorApi.ts";
import { anglesOf, type PanoramaPick } from "../../editor/panoramaAngles.ts";
import { addHotspot, removeEntry, updateObject, updateSpeaker, type Selection } from "../../editor/sceneEdits.ts";
import { updateLight, updatePortal } from "../../editor/mediaEdits.ts";
import { DEFAULT_SNAP, type SnapSettings } from "../../editor/snapping.ts";
import type { GizmoMode, TransformPatch } from "./EditorCanvas.tsx";
import {
  BudgetPanel,
  CatalogPanel,
  InspectorPanel,
  PanoramaPanel,
  SurfacesPanel,
  UploadPanel,
} from "./EditorPanels.tsx";
import { EnvironmentPanel, LightsPanel, PortalsPanel, ScreensPanel, SpeakersPanel } from "./MediaPanels.tsx";
import { PublishPanel } from "./PublishPanel.tsx";
import { useEditorDocument } from "./useEditorDocument.ts";
import { UploadSignerContext, useUploadSigner } from "./useUploadSigner.ts";
import styles from "./editor.module.css";

const EditorCanvas = dynamic(() => import("./EditorCanvas.tsx"), {
  ssr: false,
  loading: () => <div className="scene-message">Starting the 3D editor…</div>,
});
const RoomView = dynamic(() => import("../../scene/RoomView.tsx"), {
  ssr: false,
  loading: () => <div className="scene-message">Starting the preview…</div>,
});

export type DecorateRight =
  | { state: "no-wallet" }
  | { state: "checking" }
  | { state: "denied" }
  | { state: "allowed"; role: "owner" | "decorator" | "tenant" };

type Props = {
  unitId: bigint;
  unitAddress: string;
  published: SceneManifest;
  publishedCid: string | null;
  draftKey: string;
  right: DecorateRight;
};

export type HotspotDraft = { label: string; text: string };

export function EditorWorkspace({ unitId, unitAddress, published, publishedCid, draftKey, right }: Props) {
  const { ipfsGatewayUrl } = useAppConfig();
  const doc = useEditorDocument({ draftKey, published, publishedCid });
  const signer = useUploadSigner(unitId);
  const [selection, setSelection] = useState<Selection>();
  const [mode, setMode] = useState<GizmoMode>("translate");
  const [snap, setSnap] = useState<SnapSettings>(DEFAULT_SNAP);
  const [view, setView] = useState<"room" | "panorama" | "preview">("room");
  const [hotspotDraft, setHotspotDraft] = useState<HotspotDraft>();
  const catalog = useQuery({
    queryKey: ["editor-catalog"],
    queryFn: ({ signal }) => fetchCatalog(signal),
    staleTime: Infinity,
  });

  const catalogAssets = useMemo<LibraryAsset[]>(
    () =>
      (catalog.data?.items ?? []).map((item) => ({
        cid: item.model,
        kind: "model",
        name: item.name,
        bytes: item.bytes,
        drawCalls: item.drawCalls,
        triangles: item.triangles,
        origin: "catalog",
      })),
    [catalog.data],
  );
  const { manifest, edit, seal, library } = doc;
  const report = useMemo(
    () => (manifest ? sceneBudgetReport(manifest, costsOf([...catalogAssets, ...library])) : undefined),
    [manifest, catalogAssets, library],
  );

  const onTransform = useCallback(
    (target: Selection, patch: TransformPatch, gesture: string) => {
      if (target.kind === "objects") edit((m) => updateObject(m, target.index, patch), gesture);
      else if (target.kind === "speakers")
        edit((m) => updateSpeaker(m, target.index, { position: patch.position }), gesture);
      else if (target.kind === "lights")
        edit((m) => updateLight(m, target.index, { position: patch.position }), gesture);
      else if (target.kind === "portals")
        edit(
          (m) =>
            updatePortal(m, target.index, {
              position: patch.position,
              ...(patch.rotation ? { rotation: patch.rotation } : {}),
            }),
          gesture,
        );
    },
    [edit],
  );
  const onPanoramaPick = useCallback(
    (pick: PanoramaPick) => {
      if (!hotspotDraft) return;
      const { yaw, pitch } = anglesOf(pick);
      edit((m) =>
        addHotspot(m, { label: hotspotDraft.label, yaw, pitch, action: { type: "info", text: hotspotDraft.text } }),
      );
      setHotspotDraft(undefined);
    },
    [edit, hotspotDraft],
  );
  const removeSelected = useCallback(() => {
    if (!selection) return;
    edit((m) => removeEntry(m, selection));
    setSelection(undefined);
  }, [edit, selection]);

  // Delete removes the selection; T, R and S switch the gizmo (outside text fields).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.target as HTMLElement | null)?.closest("input, textarea, select")) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "Delete" || event.key === "Backspace") removeSelected();
      else if (event.key === "t") setMode("translate");
      else if (event.key === "r") setMode("rotate");
      else if (event.key === "s") setMode("scale");
      else if (event.key === "Escape") setSelection(undefined);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [removeSelected]);

  if (!manifest || !report) return <p className="muted">Opening the editor…</p>;
  // A selection that an undo took away is dropped.
  const selected =
    selection &&
    (selection.kind === "hotspots"
      ? (manifest.panorama?.hotspots.length ?? 0) > selection.index
      : manifest[selection.kind].length > selection.index)
      ? selection
      : undefined;
  const shownView = view === "panorama" && !manifest.panorama ? "room" : view;

  return (
    <UploadSignerContext value={signer}>
      <div className={styles.workspace}>
        <DraftNotice doc={doc} publishedCid={publishedCid} />
        <div className={styles.layout}>
          <section className={styles.stage}>
            <div className={styles.toolbar} role="toolbar" aria-label="Editor tools">
              <button
                type="button"
                className="small-button"
                onClick={doc.undo}
                disabled={!doc.canUndo}
                data-testid="editor-undo"
                title="Undo (Ctrl+Z)"
              >
                Undo
              </button>
              <button
                type="button"
                className="small-button"
                onClick={doc.redo}
                disabled={!doc.canRedo}
                data-testid="editor-redo"
                title="Redo (Ctrl+Shift+Z)"
              >
                Redo
              </button>
              <span className={styles.separator} />
              {(["translate", "rotate", "scale"] as const).map((each) => (
                <button
                  key={each}
                  type="button"
                  className="small-button"
                  aria-pressed={mode === each}
                  onClick={() => setMode(each)}
                  data-testid={`editor-mode-${each}`}
                  title={`${each} (${each[0]!.toUpperCase()})`}
                >
                  {each === "translate" ? "Move" : each === "rotate" ? "Rotate" : "Scale"}
                </button>
              ))}
              <label className={styles.inline}>
                <input
                  type="checkbox"
                  checked={snap.enabled}
                  onChange={(e) => setSnap({ ...snap, enabled: e.target.checked })}
                  data-testid="editor-snap"
                />
                Snap
              </label>
              <label className={styles.inline}>
                grid
                <select
                  value={snap.grid}
                  onChange={(e) => setSnap({ ...snap, grid: Number(e.target.value) })}
                  aria-label="Grid step"
                >
                  {[0.05, 0.1, 0.25, 0.5, 1].map((step) => (
                    <option key={step} value={step}>
                      {step} m
                    </option>
                  ))}
                </select>
              </label>
              <label className={styles.inline}>
                angle
                <select
                  value={snap.angleDegrees}
                  onChange={(e) => setSnap({ ...snap, angleDegrees: Number(e.target.value) })}
                  aria-label="Angle step"
                >
                  {[5, 15, 45, 90].map((step) => (
                    <option key={step} value={step}>
                      {step}°
                    </option>
                  ))}
                </select>
              </label>
              <span className={styles.separator} />
              {(["room", "panorama", "preview"] as const).map((each) => (
                <button
                  key={each}
                  type="button"
                  className="small-button"
                  aria-pressed={shownView === each}
                  disabled={each === "panorama" && !manifest.panorama}
                  onClick={() => setView(each)}
                  data-testid={`editor-view-${each}`}
                >
                  {each === "room" ? "Room" : each === "panorama" ? "Panorama" : "Preview"}
                </button>
              ))}
            </div>
            <div className={`unit-scene ${styles.canvas}`} data-testid="editor-canvas" data-view={shownView}>
              {shownView === "preview" ? (
                <RoomView manifest={manifest} gatewayUrl={ipfsGatewayUrl} onReady={noop} />
              ) : (
                <EditorCanvas
                  manifest={manifest}
                  gatewayUrl={ipfsGatewayUrl}
                  selection={selected}
                  onSelect={setSelection}
                  onTransform={onTransform}
                  onTransformEnd={seal}
                  mode={mode}
                  snap={snap}
                  showPanorama={shownView === "panorama"}
                  onPanoramaPick={hotspotDraft ? onPanoramaPick : undefined}
                />
              )}
            </div>
            <p className="scene-help">
              {shownView === "preview"
                ? "As visitors will see it. Back to Room to edit."
                : hotspotDraft
                  ? "Click the panorama where the hotspot goes."
                  : "Click a model, picture, screen, speaker, light or door to select it; drag the gizmo to move it (T move, R rotate, S scale, Delete removes). Ctrl+Z undoes."}
            </p>
            <BudgetPanel report={report} />
          </section>
          <aside className={styles.sidebar}>
            <InspectorPanel
              manifest={manifest}
              selection={selected}
              edit={edit}
              seal={seal}
              onRemove={removeSelected}
              unitId={unitId}
              library={library}
              setLibrary={doc.setLibrary}
            />
            <CatalogPanel catalog={catalog} manifest={manifest} edit={edit} onPlaced={setSelection} />
            <UploadPanel
              library={library}
              setLibrary={doc.setLibrary}
              manifest={manifest}
              edit={edit}
              onPlaced={setSelection}
              onPanorama={() => setView("panorama")}
            />
            <SurfacesPanel manifest={manifest} library={library} edit={edit} seal={seal} />
            <ScreensPanel
              manifest={manifest}
              edit={edit}
              library={library}
              setLibrary={doc.setLibrary}
              onPlaced={setSelection}
            />
            <SpeakersPanel
              manifest={manifest}
              edit={edit}
              library={library}
              setLibrary={doc.setLibrary}
              onPlaced={setSelection}
            />
            <LightsPanel manifest={manifest} edit={edit} onPlaced={setSelection} />
            <PortalsPanel manifest={manifest} unitId={unitId} edit={edit} onPlaced={setSelection} />
            <EnvironmentPanel manifest={manifest} edit={edit} seal={seal} />
            <PanoramaPanel
              manifest={manifest}
              edit={edit}
              hotspotDraft={hotspotDraft}
              setHotspotDraft={(draft) => {
                setHotspotDraft(draft);
                if (draft) setView("panorama");
              }}
              onSelect={setSelection}
            />
            <PublishPanel
              unitId={unitId}
              unitAddress={unitAddress}
              manifest={manifest}
              report={report}
              right={right}
              onPublished={doc.markPublished}
            />
          </aside>
        </div>
      </div>
    </UploadSignerContext>
  );
}

function noop() {}

function DraftNotice({
  doc,
  publishedCid,
}: {
  doc: ReturnType<typeof useEditorDocument>;
  publishedCid: string | null;
}) {
  const { draft, save } = doc;
  return (
    <div className={styles.draftBar}>
      {draft.state === "restored" ? (
        <p className="notice" data-testid="editor-draft-restored">
          Restored your unpublished draft from {new Date(draft.savedAt).toLocaleString()}.
          {draft.baseCid !== publishedCid ? " The unit's published scene changed since you started it." : ""}
          {draft.migrated ? " (Moved from this browser's older draft storage.)" : ""}{" "}
          <button type="button" className="small-button" onClick={doc.discardDraft} data-testid="editor-draft-discard">
            Discard draft
          </button>
        </p>
      ) : draft.state === "invalid" ? (
        <p className="notice warning">
          A saved draft could not be read ({draft.reason}); starting from the published scene.{" "}
          <button type="button" className="small-button" onClick={doc.discardDraft}>
            Delete it
          </button>
        </p>
      ) : null}
      <span className="muted small" data-testid="editor-draft-status" data-state={save.state}>
        {save.state === "saved"
          ? `Draft saved in this browser at ${new Date(save.at).toLocaleTimeString()}`
          : save.state === "failed"
            ? `The draft could not be saved here: ${save.message}`
            : "Changes are saved as a draft in this browser until you publish; uploads stay listed after it."}
      </span>
      {doc.storageNote ? <span className="muted small">{doc.storageNote}</span> : null}
    </div>
  );
}
