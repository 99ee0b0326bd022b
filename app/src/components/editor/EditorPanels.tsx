"use client";
/** The editor's side panels; each changes the document only through `edit` (so every change can be undone). */
import { useState } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import type { SceneManifest, WallImage } from "@markspace/ipfs/manifest";
import type { AssetKind, LibraryAsset } from "../../editor/assetLibrary.ts";
import type { SceneBudgetReport } from "../../editor/budgetMeters.ts";
import type { CatalogResponse } from "../../editor/editorApi.ts";
import {
  addObject,
  addPicture,
  removePanorama,
  setPanorama,
  setSurface,
  updateObject,
  updatePicture,
  type Selection,
  type SurfaceName,
} from "../../editor/sceneEdits.ts";
import { toErrorView } from "../../errors/MarkspaceAppError.ts";
import { NumberField, Panel } from "./EditorFields.tsx";
import type { HotspotDraft } from "./EditorWorkspace.tsx";
import { LightInspector, PortalInspector, SpeakerInspector, VideoInspector } from "./MediaInspectors.tsx";
import { useAssetUpload } from "./useAssetUpload.ts";
import styles from "./editor.module.css";

type Edit = (change: (manifest: SceneManifest) => SceneManifest, coalesce?: string) => void;

const DEGREES = 180 / Math.PI;

export function InspectorPanel(props: {
  manifest: SceneManifest;
  selection: Selection | undefined;
  edit: Edit;
  seal: () => void;
  onRemove: () => void;
  unitId: bigint;
  library: readonly LibraryAsset[];
  setLibrary: (change: (library: LibraryAsset[]) => LibraryAsset[]) => void;
}) {
  const { manifest, selection, edit, seal } = props;
  if (!selection) {
    return (
      <Panel title="Selection" testId="editor-inspector">
        <p className="muted small">Nothing selected: click something in the room.</p>
      </Panel>
    );
  }
  const remove = (
    <button type="button" className="small-button" onClick={props.onRemove} data-testid="editor-remove">
      Remove
    </button>
  );
  if (selection.kind === "objects") {
    const object = manifest.objects[selection.index]!;
    const key = `inspector-objects-${selection.index}`;
    const scale = typeof object.scale === "number" ? object.scale : object.scale[0];
    const set = (patch: Parameters<typeof updateObject>[2]) =>
      edit((m) => updateObject(m, selection.index, patch), key);
    return (
      <Panel title={`Model: ${object.name}`} testId="editor-inspector">
        <div className={styles.grid3}>
          {(["x", "y", "z"] as const).map((axis, i) => (
            <NumberField
              key={axis}
              label={`${axis} (m)`}
              value={object.position[i]!}
              step={0.05}
              onChange={(value) =>
                set({ position: object.position.map((v, j) => (j === i ? value : v)) as typeof object.position })
              }
              onCommit={seal}
              testId={`editor-position-${axis}`}
            />
          ))}
          {(["x", "y", "z"] as const).map((axis, i) => (
            <NumberField
              key={axis}
              label={`turn ${axis} (°)`}
              value={object.rotation[i]! * DEGREES}
              step={15}
              onChange={(value) =>
                set({
                  rotation: object.rotation.map((v, j) => (j === i ? value / DEGREES : v)) as typeof object.rotation,
                })
              }
              onCommit={seal}
            />
          ))}
          <NumberField
            label="scale"
            value={scale}
            step={0.1}
            onChange={(value) => value > 0 && set({ scale: value })}
            onCommit={seal}
          />
        </div>
        <p className="muted small">
          <code className="cid">{object.model}</code>
        </p>
        {remove}
      </Panel>
    );
  }
  if (selection.kind === "images") {
    const image = manifest.images[selection.index]!;
    const key = `inspector-images-${selection.index}`;
    const set = (patch: Partial<WallImage>) => edit((m) => updatePicture(m, selection.index, patch), key);
    return (
      <Panel title={`Picture${image.title ? `: ${image.title}` : ""}`} testId="editor-inspector">
        <label className="field">
          Wall
          <select
            value={image.wall}
            onChange={(e) => set({ wall: e.target.value as WallImage["wall"] })}
            data-testid="editor-picture-wall"
          >
            {(["north", "east", "south", "west"] as const).map((wall) => (
              <option key={wall} value={wall}>
                {wall}
              </option>
            ))}
          </select>
        </label>
        <div className={styles.grid3}>
          <NumberField
            label="along (m)"
            value={image.offset[0]}
            step={0.1}
            onChange={(v) => set({ offset: [v, image.offset[1]] })}
            onCommit={seal}
          />
          <NumberField
            label="height (m)"
            value={image.offset[1]}
            step={0.1}
            onChange={(v) => set({ offset: [image.offset[0], v] })}
            onCommit={seal}
          />
          <NumberField
            label="width (m)"
            value={image.width}
            step={0.1}
            onChange={(v) =>
              v > 0 && v <= 8 && set({ width: v, height: Math.round((v * image.height * 1000) / image.width) / 1000 })
            }
            onCommit={seal}
          />
        </div>
        <label className="field">
          Title
          <input
            value={image.title ?? ""}
            maxLength={120}
            onChange={(e) => set({ title: e.target.value || undefined })}
            onBlur={seal}
          />
        </label>
        {remove}
      </Panel>
    );
  }
  // Keyed by the entry, so a form's own state (a typed destination, a problem) does not follow to the next.
  const key = `${selection.kind}-${selection.index}`;
  const common = { manifest, index: selection.index, edit, seal, remove };
  if (selection.kind === "videos") return <VideoInspector key={key} {...common} library={props.library} />;
  if (selection.kind === "speakers") return <SpeakerInspector key={key} {...common} setLibrary={props.setLibrary} />;
  if (selection.kind === "lights") return <LightInspector key={key} {...common} />;
  if (selection.kind === "portals") return <PortalInspector key={key} {...common} unitId={props.unitId} />;
  const hotspot = manifest.panorama?.hotspots[selection.index];
  return (
    <Panel title={`Hotspot: ${hotspot?.label ?? ""}`} testId="editor-inspector">
      {hotspot?.action.type === "info" ? <p className="small">{hotspot.action.text}</p> : null}
      {remove}
    </Panel>
  );
}

export function CatalogPanel(props: {
  catalog: UseQueryResult<CatalogResponse>;
  manifest: SceneManifest;
  edit: Edit;
  onPlaced: (selection: Selection) => void;
}) {
  const { catalog, manifest, edit } = props;
  return (
    <Panel title="Starter catalog" testId="editor-catalog">
      {catalog.isError ? (
        <p className="error-text">{toErrorView(catalog.error).shortMessage}</p>
      ) : !catalog.data ? (
        <p className="muted small">Loading the catalog…</p>
      ) : (
        <ul className={styles.assetList}>
          {catalog.data.items.map((item) => (
            <li key={item.id}>
              <span>
                {item.name} <span className="muted small">{item.triangles.toLocaleString("en-US")} ▲</span>
              </span>
              <button
                type="button"
                className="small-button"
                data-testid={`editor-catalog-add-${item.id}`}
                onClick={() => {
                  edit((m) => addObject(m, { name: item.name, cid: item.model }));
                  props.onPlaced({ kind: "objects", index: manifest.objects.length });
                }}
              >
                Add
              </button>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

export function UploadPanel(props: {
  library: LibraryAsset[];
  setLibrary: (change: (library: LibraryAsset[]) => LibraryAsset[]) => void;
  manifest: SceneManifest;
  edit: Edit;
  onPlaced: (selection: Selection) => void;
  onPanorama: () => void;
}) {
  const { library, manifest, edit } = props;
  const { status, warnings, upload: send, busy } = useAssetUpload(props.setLibrary);
  const place = (asset: LibraryAsset) => {
    if (asset.kind === "model") {
      edit((m) => addObject(m, { name: asset.name.replace(/\.(glb|gltf)$/i, ""), cid: asset.cid }));
      props.onPlaced({ kind: "objects", index: manifest.objects.length });
    } else if (asset.kind === "image") {
      edit((m) =>
        addPicture(m, {
          cid: asset.cid,
          title: asset.name.replace(/\.[a-z]+$/i, ""),
          width: asset.width ?? 1,
          height: asset.height ?? 1,
        }),
      );
      props.onPlaced({ kind: "images", index: manifest.images.length });
    } else if (asset.kind === "panorama") {
      edit((m) => setPanorama(m, asset.cid));
      props.onPanorama();
    }
    // Video and audio are placed from the screens and speakers panels.
  };
  const upload = async (file: File | undefined, kind: AssetKind) => {
    if (!file) return;
    const asset = await send(file, kind);
    if (asset) place(asset);
  };
  const picker = (kind: AssetKind, label: string, accept: string) => (
    <label className={styles.fileButton}>
      {label}
      <input
        type="file"
        accept={accept}
        disabled={busy}
        data-testid={`editor-upload-${kind}`}
        onChange={(e) => {
          void upload(e.target.files?.[0], kind);
          e.target.value = "";
        }}
      />
    </label>
  );
  return (
    <Panel title="Your uploads" testId="editor-uploads">
      <p className="muted small">
        Models (GLB) are validated and optimized, pictures and 360° panoramas resized, then stored on IPFS. Limits per
        unit: 25 draw calls, 60,000 triangles, 10 MiB.
      </p>
      <div className={styles.row}>
        {picker("model", "Model…", ".glb,.gltf,model/gltf-binary,model/gltf+json")}
        {picker("image", "Picture…", "image/png,image/jpeg,image/webp")}
        {picker("panorama", "360° photo…", "image/jpeg,image/png,image/webp")}
      </div>
      <div data-testid="editor-upload-status" data-state={status.state} role="status">
        {status.state === "uploading" ? (
          <p className="small">
            Uploading {status.name}… {Math.round(status.fraction * 100)} %
            {status.fraction >= 1 ? " (checking and optimizing)" : ""}
          </p>
        ) : status.state === "failed" ? (
          <p className="error-text small" data-testid="editor-upload-error">
            {status.message}
            {status.hint ? ` ${status.hint}` : ""}
          </p>
        ) : null}
        {warnings.length > 0 ? (
          <ul className="muted small">
            {warnings.slice(0, 5).map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {library.length > 0 ? (
        <ul className={styles.assetList} data-testid="editor-library">
          {library
            .filter((asset) => asset.kind !== "video" && asset.kind !== "audio")
            .map((asset) => (
              <li key={asset.cid} data-testid="editor-library-item" data-kind={asset.kind} data-cid={asset.cid}>
                <span>
                  {asset.name}{" "}
                  <span className="muted small">
                    {asset.kind} · {(asset.bytes / 1024).toFixed(0)} KiB
                    {asset.kind === "model" ? ` · ${asset.triangles.toLocaleString("en-US")} ▲` : ""}
                  </span>
                </span>
                <button type="button" className="small-button" onClick={() => place(asset)}>
                  {asset.kind === "model" ? "Place" : asset.kind === "image" ? "Hang" : "Use"}
                </button>
              </li>
            ))}
        </ul>
      ) : null}
    </Panel>
  );
}

const SURFACES: Array<{ name: SurfaceName; label: string }> = [
  { name: "floor", label: "Floor" },
  { name: "walls", label: "Walls" },
  { name: "ceiling", label: "Ceiling" },
];

export function SurfacesPanel(props: {
  manifest: SceneManifest;
  library: LibraryAsset[];
  edit: Edit;
  seal: () => void;
}) {
  const { manifest, library, edit, seal } = props;
  const textures = library.filter((asset) => asset.kind === "image");
  return (
    <Panel title="Materials" testId="editor-surfaces">
      {SURFACES.map(({ name, label }) => {
        const surface = manifest[name] ?? manifest.walls;
        const key = `surface-${name}`;
        return (
          <fieldset key={name} className={styles.surface}>
            <legend>{label}</legend>
            <input
              type="color"
              value={surface.color}
              aria-label={`${label} colour`}
              data-testid={`editor-surface-${name}-color`}
              onChange={(e) => edit((m) => setSurface(m, name, { color: e.target.value }), key)}
              onBlur={seal}
            />
            <label className={styles.inline}>
              rough
              <input
                type="range"
                min={0}
                max={1}
                step={0.05}
                value={surface.roughness}
                onChange={(e) => edit((m) => setSurface(m, name, { roughness: e.target.valueAsNumber }), key)}
                onPointerUp={seal}
              />
            </label>
            <label className={styles.inline}>
              metal
              <input
                type="range"
                min={0}
                max={1}
                step={0.05}
                value={surface.metalness}
                onChange={(e) => edit((m) => setSurface(m, name, { metalness: e.target.valueAsNumber }), key)}
                onPointerUp={seal}
              />
            </label>
            <select
              value={surface.texture ?? ""}
              aria-label={`${label} texture`}
              onChange={(e) =>
                edit((m) =>
                  setSurface(m, name, {
                    texture: e.target.value || undefined,
                    tileSize: e.target.value ? (surface.tileSize ?? 1) : undefined,
                  }),
                )
              }
            >
              <option value="">no texture</option>
              {textures.map((asset) => (
                <option key={asset.cid} value={asset.cid}>
                  {asset.name}
                </option>
              ))}
            </select>
          </fieldset>
        );
      })}
    </Panel>
  );
}

export function PanoramaPanel(props: {
  manifest: SceneManifest;
  edit: Edit;
  hotspotDraft: HotspotDraft | undefined;
  setHotspotDraft: (draft: HotspotDraft | undefined) => void;
  onSelect: (selection: Selection) => void;
}) {
  const { manifest, edit } = props;
  const panorama = manifest.panorama;
  const [label, setLabel] = useState("");
  const [text, setText] = useState("");
  return (
    <Panel title="360° interior" testId="editor-panorama">
      {!panorama ? (
        <p className="muted small">
          Upload a 360° photo (equirectangular, 2:1) above to make it the unit&apos;s interior.
        </p>
      ) : (
        <>
          <p className="small" data-testid="editor-panorama-cid" data-cid={panorama.image}>
            <code className="cid">{panorama.image}</code>
          </p>
          <label className={styles.inline}>
            <input
              type="checkbox"
              checked={panorama.replacesRoom}
              onChange={(e) => edit((m) => setPanorama(m, panorama.image, e.target.checked))}
            />
            Shown instead of the modelled room
          </label>
          <fieldset className={styles.surface}>
            <legend>Hotspots ({panorama.hotspots.length})</legend>
            <ul className="small">
              {panorama.hotspots.map((hotspot, index) => (
                <li key={hotspot.id ?? index}>
                  <button
                    type="button"
                    className="small-button"
                    onClick={() => props.onSelect({ kind: "hotspots", index })}
                  >
                    {hotspot.label}
                  </button>
                </li>
              ))}
            </ul>
            <input
              value={label}
              maxLength={80}
              placeholder="Label"
              onChange={(e) => setLabel(e.target.value)}
              aria-label="Hotspot label"
            />
            <input
              value={text}
              maxLength={1000}
              placeholder="Text shown"
              onChange={(e) => setText(e.target.value)}
              aria-label="Hotspot text"
            />
            {props.hotspotDraft ? (
              <button type="button" className="small-button" onClick={() => props.setHotspotDraft(undefined)}>
                Cancel (click the panorama to place it)
              </button>
            ) : (
              <button
                type="button"
                className="small-button"
                disabled={!label.trim() || !text.trim() || panorama.hotspots.length >= 64}
                onClick={() => {
                  props.setHotspotDraft({ label, text });
                  setLabel("");
                  setText("");
                }}
              >
                Add hotspot…
              </button>
            )}
          </fieldset>
          <button type="button" className="small-button" onClick={() => edit(removePanorama)}>
            Remove panorama
          </button>
        </>
      )}
    </Panel>
  );
}

export function BudgetPanel({ report }: { report: SceneBudgetReport }) {
  return (
    <div className={styles.meters} data-testid="editor-budget" data-over={String(report.over)}>
      {report.meters.map((meter) => (
        <div
          key={meter.name}
          className={styles.meter}
          data-testid={`editor-meter-${meter.name}`}
          data-used={meter.used}
          data-level={meter.level}
        >
          <span>{meter.label}</span>
          <span className={styles.meterBar}>
            <span
              className={styles[`level-${meter.level}`]}
              style={{ width: `${Math.min(100, meter.fraction * 100)}%` }}
            />
          </span>
          <span className="small">{meter.text}</span>
        </div>
      ))}
      {report.unmeasured.length > 0 ? (
        <p className="muted small">
          {report.unmeasured.length} asset{report.unmeasured.length === 1 ? "" : "s"} of this scene came from elsewhere
          and are not counted.
        </p>
      ) : null}
    </div>
  );
}
