"use client";
/**
 * The selection panel for a video screen, a speaker, a light or a door: every field the scene
 * format has for it, each change through `edit` (a run of changes to one field is one undo step,
 * sealed when the field loses focus).
 */
import { useState, type ReactNode } from "react";
import type { Light, Portal, SceneManifest, VideoScreen } from "@markspace/ipfs/manifest";
import type { LibraryAsset } from "../../editor/assetLibrary.ts";
import { formProblem, lightFormSchema, LIGHT_INTENSITY_MAX, trackUploadSchema } from "../../editor/editorForms.ts";
import {
  appendTracks,
  moveTrack,
  removeTrack,
  updateLight,
  updatePortal,
  updateVideo,
  type LightPatch,
} from "../../editor/mediaEdits.ts";
import { resolvePortalDestination } from "../../editor/portalDestination.ts";
import { updateSpeaker } from "../../editor/sceneEdits.ts";
import type { Vec3 } from "../../editor/snapping.ts";
import { NumberField, Panel } from "./EditorFields.tsx";
import { PlaylistRows, UploadStatusLine, usePortalLookups } from "./MediaPanels.tsx";
import { useAssetUpload } from "./useAssetUpload.ts";
import styles from "./editor.module.css";

type Edit = (change: (manifest: SceneManifest) => SceneManifest, coalesce?: string) => void;
type Common = { manifest: SceneManifest; index: number; edit: Edit; seal: () => void; remove: ReactNode };

const DEGREES = 180 / Math.PI;

function Vec3Fields(props: {
  label: string;
  value: readonly number[];
  step: number;
  onChange: (value: Vec3) => void;
  onCommit: () => void;
  testId?: string;
}) {
  return (
    <div className={styles.grid3}>
      {(["x", "y", "z"] as const).map((axis, i) => (
        <NumberField
          key={axis}
          label={`${props.label} ${axis}`}
          value={props.value[i] ?? 0}
          step={props.step}
          onChange={(value) => props.onChange(props.value.map((v, j) => (j === i ? value : v)) as Vec3)}
          onCommit={props.onCommit}
          {...(props.testId ? { testId: `${props.testId}-${axis}` } : {})}
        />
      ))}
    </div>
  );
}

export function VideoInspector({
  manifest,
  index,
  edit,
  seal,
  remove,
  library,
}: Common & { library: readonly LibraryAsset[] }) {
  const video = manifest.videos[index]!;
  const pictures = library.filter((asset) => asset.kind === "image");
  const key = `inspector-videos-${index}`;
  const set = (patch: Partial<VideoScreen>) => edit((m) => updateVideo(m, index, patch), key);
  return (
    <Panel title={`Screen${video.title ? `: ${video.title}` : ""}`} testId="editor-inspector">
      <p className="muted small" data-testid="editor-video-source" data-type={video.source.type}>
        {video.source.type === "ipfs" ? (
          <>
            {video.source.mimeType} <code className="cid">{video.source.video}</code>
          </>
        ) : (
          <>
            {video.source.provider}: {video.source.url}
          </>
        )}
      </p>
      <label className="field">
        Wall
        <select value={video.wall} onChange={(e) => set({ wall: e.target.value as VideoScreen["wall"] })}>
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
          value={video.offset[0]}
          step={0.1}
          onChange={(v) => set({ offset: [v, video.offset[1]] })}
          onCommit={seal}
        />
        <NumberField
          label="height (m)"
          value={video.offset[1]}
          step={0.1}
          onChange={(v) => set({ offset: [video.offset[0], v] })}
          onCommit={seal}
        />
        <NumberField
          label="width (m)"
          value={video.width}
          step={0.1}
          onChange={(v) =>
            v > 0 &&
            v <= 8 &&
            set({ width: v, height: Math.min(8, Math.round((v * video.height * 1000) / video.width) / 1000) })
          }
          onCommit={seal}
        />
      </div>
      <label className="field">
        Title
        <input
          value={video.title ?? ""}
          maxLength={120}
          onChange={(e) => set({ title: e.target.value || undefined })}
          onBlur={seal}
        />
      </label>
      <label className="field">
        Poster (shown until it plays)
        <select
          value={video.poster ?? ""}
          data-testid="editor-video-poster"
          onChange={(e) => edit((m) => updateVideo(m, index, { poster: e.target.value || undefined }))}
        >
          <option value="">none (a dark screen)</option>
          {pictures.map((asset) => (
            <option key={asset.cid} value={asset.cid}>
              {asset.name}
            </option>
          ))}
        </select>
      </label>
      {pictures.length === 0 ? <p className="muted small">Upload a picture to use it as the poster.</p> : null}
      <label className={styles.inline}>
        <input type="checkbox" checked={video.loop} onChange={(e) => set({ loop: e.target.checked })} />
        Loop
      </label>
      <label className={styles.inline}>
        volume
        <input
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={video.volume}
          onChange={(e) => set({ volume: e.target.valueAsNumber })}
          onPointerUp={seal}
        />
      </label>
      {remove}
    </Panel>
  );
}

export function SpeakerInspector(
  props: Common & { setLibrary: (change: (library: LibraryAsset[]) => LibraryAsset[]) => void },
) {
  const { manifest, index, edit, seal, remove } = props;
  const speaker = manifest.speakers[index]!;
  const key = `inspector-speakers-${index}`;
  const { status, upload, busy } = useAssetUpload(props.setLibrary);
  const [problem, setProblem] = useState<string>();
  const guarded = (change: (m: SceneManifest) => SceneManifest) => {
    try {
      change(manifest);
    } catch (error) {
      return setProblem((error as Error).message);
    }
    setProblem(undefined);
    edit(change);
  };
  return (
    <Panel title={`Speaker: ${speaker.name}`} testId="editor-inspector">
      <label className="field">
        Name
        <input
          value={speaker.name}
          maxLength={80}
          onChange={(e) => e.target.value.trim() && edit((m) => updateSpeaker(m, index, { name: e.target.value }), key)}
          onBlur={seal}
        />
      </label>
      <PlaylistRows
        playlist={speaker.playlist}
        onMove={(from, to) => guarded((m) => moveTrack(m, index, from, to))}
        onRemove={speaker.playlist.length > 1 ? (track) => guarded((m) => removeTrack(m, index, track)) : undefined}
        testId="editor-speaker-tracks"
      />
      <label className={styles.fileButton}>
        Add audio files…
        <input
          type="file"
          multiple
          accept="audio/mpeg,audio/ogg,audio/mp4,audio/wav,audio/flac,.mp3,.ogg,.opus,.m4a,.wav,.flac"
          disabled={busy}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = "";
            void (async () => {
              for (const file of files) {
                const asset = await upload(file, "audio");
                if (!asset) return;
                const track = trackUploadSchema.safeParse(asset);
                if (!track.success) return setProblem(formProblem(track.error));
                guarded((m) => appendTracks(m, index, [track.data]));
              }
            })();
          }}
        />
      </label>
      <UploadStatusLine status={status} testId="editor-speaker-upload-status" />
      <div className={styles.row}>
        <label className={styles.inline}>
          <input
            type="checkbox"
            checked={speaker.loop}
            onChange={(e) => edit((m) => updateSpeaker(m, index, { loop: e.target.checked }))}
          />
          Loop
        </label>
        <label className={styles.inline}>
          <input
            type="checkbox"
            checked={speaker.shuffle}
            onChange={(e) => edit((m) => updateSpeaker(m, index, { shuffle: e.target.checked }))}
          />
          Shuffle
        </label>
      </div>
      <div className={styles.grid3}>
        <NumberField
          label="volume"
          value={speaker.volume}
          step={0.05}
          onChange={(v) => v >= 0 && v <= 1 && edit((m) => updateSpeaker(m, index, { volume: v }), key)}
          onCommit={seal}
        />
        <NumberField
          label="full to (m)"
          value={speaker.refDistance}
          step={0.5}
          onChange={(v) =>
            v > 0 &&
            v <= Math.min(50, speaker.maxDistance) &&
            edit((m) => updateSpeaker(m, index, { refDistance: v }), key)
          }
          onCommit={seal}
        />
        <NumberField
          label="silent at (m)"
          value={speaker.maxDistance}
          step={0.5}
          onChange={(v) =>
            v >= speaker.refDistance && v <= 100 && edit((m) => updateSpeaker(m, index, { maxDistance: v }), key)
          }
          onCommit={seal}
        />
      </div>
      {problem ? <p className="error-text small">{problem}</p> : null}
      {remove}
    </Panel>
  );
}

export function LightInspector({ manifest, index, edit, seal, remove }: Common) {
  const light = manifest.lights[index]!;
  const key = `inspector-lights-${index}`;
  const [problem, setProblem] = useState<string>();
  const set = (patch: Partial<LightPatch>, coalesce: string | undefined = key) => {
    const checked = lightFormSchema.safeParse({
      type: light.type,
      color: patch.color ?? light.color,
      intensity: patch.intensity ?? light.intensity,
    });
    if (!checked.success) return setProblem(formProblem(checked.error));
    setProblem(undefined);
    edit((m) => updateLight(m, index, patch), coalesce);
  };
  return (
    <Panel title={`Light: ${light.type}`} testId="editor-inspector">
      <div className={styles.row}>
        <input
          type="color"
          value={light.color}
          aria-label="Light colour"
          data-testid="editor-light-color"
          onChange={(e) => set({ color: e.target.value })}
          onBlur={seal}
        />
        <NumberField
          label={
            light.type === "point" || light.type === "spot"
              ? "candela"
              : light.type === "directional"
                ? "lux"
                : "strength"
          }
          value={light.intensity}
          step={light.type === "point" || light.type === "spot" ? 5 : 0.1}
          onChange={(v) => set({ intensity: v })}
          onCommit={seal}
          testId="editor-light-intensity"
        />
      </div>
      <p className="muted small">Up to {LIGHT_INTENSITY_MAX[light.type].toLocaleString("en-US")}.</p>
      {"position" in light ? (
        <Vec3Fields
          label="at"
          value={light.position}
          step={0.1}
          onChange={(position) => set({ position })}
          onCommit={seal}
          testId="editor-light-position"
        />
      ) : null}
      {light.type === "spot" ? (
        <>
          <Vec3Fields
            label="aim"
            value={light.target}
            step={0.1}
            onChange={(target) => set({ target })}
            onCommit={seal}
          />
          <div className={styles.grid3}>
            <NumberField
              label="cone (°)"
              value={light.angle * DEGREES}
              step={5}
              onChange={(v) => v > 0 && v <= 90 && set({ angle: v / DEGREES })}
              onCommit={seal}
            />
            <NumberField
              label="soft edge"
              value={light.penumbra}
              step={0.05}
              onChange={(v) => v >= 0 && v <= 1 && set({ penumbra: v })}
              onCommit={seal}
            />
          </div>
        </>
      ) : null}
      {light.type === "directional" ? (
        <Vec3Fields
          label="shines"
          value={light.direction}
          step={0.1}
          onChange={(direction) => set({ direction })}
          onCommit={seal}
        />
      ) : null}
      {light.type === "point" || light.type === "spot" ? (
        <NumberField
          label="reach (m, 0 = no limit)"
          value={light.range}
          step={0.5}
          onChange={(v) => v >= 0 && v <= 50 && set({ range: v })}
          onCommit={seal}
        />
      ) : null}
      {light.type !== "ambient" ? (
        <label className={styles.inline}>
          <input
            type="checkbox"
            checked={(light as Exclude<Light, { type: "ambient" }>).castShadow}
            onChange={(e) => set({ castShadow: e.target.checked }, undefined)}
          />
          Casts shadows (at most 2 lights)
        </label>
      ) : null}
      {problem ? <p className="error-text small">{problem}</p> : null}
      {remove}
    </Panel>
  );
}

export function PortalInspector(props: Common & { unitId: bigint }) {
  const { manifest, index, edit, seal, remove } = props;
  const portal = manifest.portals[index]!;
  const key = `inspector-portals-${index}`;
  const lookups = usePortalLookups();
  const set = (patch: Partial<Portal>) => edit((m) => updatePortal(m, index, patch), key);
  const [target, setTarget] = useState("");
  const [state, setState] = useState<{ checking: boolean; problem?: string }>({ checking: false });
  const to = portal.to;
  return (
    <Panel title={`${portal.kind === "door" ? "Door" : "Portal"}: ${portal.name}`} testId="editor-inspector">
      <p className="small" data-testid="editor-portal-destination" data-type={to.type}>
        Leads to{" "}
        {to.type === "unit" ? (
          <a href={`/units/${to.unit}`}>unit {to.unit}</a>
        ) : to.type === "room" ? (
          `room ${to.room}`
        ) : (
          to.url
        )}
      </p>
      <label className="field">
        Name
        <input
          value={portal.name}
          maxLength={80}
          onChange={(e) => e.target.value.trim() && set({ name: e.target.value })}
          onBlur={seal}
        />
      </label>
      <Vec3Fields
        label="at"
        value={portal.position}
        step={0.05}
        onChange={(position) => set({ position })}
        onCommit={seal}
      />
      <div className={styles.grid3}>
        <NumberField
          label="turn (°)"
          value={portal.rotation[1] * DEGREES}
          step={15}
          onChange={(v) => set({ rotation: [portal.rotation[0], v / DEGREES, portal.rotation[2]] })}
          onCommit={seal}
        />
        <NumberField
          label="width (m)"
          value={portal.width}
          step={0.1}
          onChange={(v) => v >= 0.5 && v <= 4 && set({ width: v })}
          onCommit={seal}
        />
        <NumberField
          label="height (m)"
          value={portal.height}
          step={0.1}
          onChange={(v) => v >= 1 && v <= 4 && set({ height: v })}
          onCommit={seal}
        />
      </div>
      <form
        className={styles.row}
        onSubmit={(e) => {
          e.preventDefault();
          setState({ checking: true });
          resolvePortalDestination(target, { currentUnit: props.unitId, lookups }).then(
            (destination) => {
              edit((m) => updatePortal(m, index, { to: destination }));
              setState({ checking: false });
              setTarget("");
            },
            (error: unknown) => setState({ checking: false, problem: (error as Error).message }),
          );
        }}
      >
        <input
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          placeholder="New destination"
          aria-label="New destination"
        />
        <button type="submit" className="small-button" disabled={state.checking || !target.trim()}>
          {state.checking ? "Checking…" : "Change"}
        </button>
      </form>
      {state.problem ? <p className="error-text small">{state.problem}</p> : null}
      {remove}
    </Panel>
  );
}
