"use client";
/**
 * The editor's panels for what a room holds besides models and pictures: video screens (an
 * uploaded MP4/WebM or a link to a video site), speakers with playlists (uploaded audio, in
 * order), lights, doors and portals to other units, and the time of day and weather. Each form is
 * checked with its schema from `editorForms.ts`; each change goes through `edit`, so it can be
 * undone, and shows in the room view and the preview.
 */
import { useState } from "react";
import type { Environment, SceneManifest, Speaker } from "@markspace/ipfs/manifest";
import { decodeUnitId } from "@markspace/contracts/unit-address";
import type { LibraryAsset } from "../../editor/assetLibrary.ts";
import {
  environmentFormSchema,
  formatHours,
  formProblem,
  portalFormSchema,
  speakerFormSchema,
  trackUploadSchema,
  videoLinkFormSchema,
  videoUploadSchema,
} from "../../editor/editorForms.ts";
import { addLight, addPortal, addVideo, LIST_LIMITS, setEnvironment, type LightType } from "../../editor/mediaEdits.ts";
import { resolvePortalDestination, type PortalLookups } from "../../editor/portalDestination.ts";
import { addSpeaker, playlistOf, type Selection } from "../../editor/sceneEdits.ts";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { fetchUnitDetail, fetchUnitIdByName } from "../../subgraph/cityClient.ts";
import { Panel } from "./EditorFields.tsx";
import { useAssetUpload, type UploadState } from "./useAssetUpload.ts";
import styles from "./editor.module.css";

type Edit = (change: (manifest: SceneManifest) => SceneManifest, coalesce?: string) => void;
type SetLibrary = (change: (library: LibraryAsset[]) => LibraryAsset[]) => void;

export function UploadStatusLine({ status, testId }: { status: UploadState; testId: string }) {
  return (
    <div data-testid={testId} data-state={status.state} role="status">
      {status.state === "uploading" ? (
        <p className="small">
          Uploading {status.name}… {Math.round(status.fraction * 100)} %
        </p>
      ) : status.state === "failed" ? (
        <p className="error-text small">
          {status.message}
          {status.hint ? ` ${status.hint}` : ""}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Runs `change` through `edit` after trying it on the manifest shown, so a refusal (a list at its
 * limit) is reported instead of thrown inside the history's update.
 */
function tryEdit(
  manifest: SceneManifest,
  edit: Edit,
  change: (manifest: SceneManifest) => SceneManifest,
  report: (problem?: string) => void,
) {
  try {
    change(manifest);
  } catch (error) {
    return report((error as Error).message);
  }
  edit(change);
  report(undefined);
}

export function ScreensPanel(props: {
  manifest: SceneManifest;
  edit: Edit;
  library: readonly LibraryAsset[];
  setLibrary: SetLibrary;
  onPlaced: (selection: Selection) => void;
}) {
  const { manifest, edit } = props;
  const { status, upload, busy } = useAssetUpload(props.setLibrary);
  const [title, setTitle] = useState("");
  const [url, setUrl] = useState("");
  const [problem, setProblem] = useState<string>();
  const full = manifest.videos.length >= LIST_LIMITS.videos;
  const hang = (video: Parameters<typeof addVideo>[1]) =>
    tryEdit(
      manifest,
      edit,
      (m) => addVideo(m, video),
      (failure) => {
        setProblem(failure);
        if (!failure) props.onPlaced({ kind: "videos", index: manifest.videos.length });
      },
    );
  return (
    <Panel title={`Video screens (${manifest.videos.length}/${LIST_LIMITS.videos})`} testId="editor-screens">
      <p className="muted small">
        A screen plays when a visitor clicks it. Upload an MP4 or WebM file, or link a video on YouTube, Vimeo or
        PeerTube.
      </p>
      <label className={styles.fileButton}>
        Video file…
        <input
          type="file"
          accept="video/mp4,video/webm,.mp4,.webm,.m4v"
          disabled={busy || full}
          data-testid="editor-upload-video"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (!file) return;
            void upload(file, "video").then((asset) => {
              if (!asset) return;
              const parsed = videoUploadSchema.safeParse(asset);
              if (parsed.success) hang(parsed.data);
              else setProblem(formProblem(parsed.error));
            });
          }}
        />
      </label>
      <UploadStatusLine status={status} testId="editor-video-upload-status" />
      <EarlierUploads
        library={props.library}
        kind="video"
        action="Hang"
        disabled={full}
        onUse={(asset) => {
          const parsed = videoUploadSchema.safeParse(asset);
          if (parsed.success) hang(parsed.data);
          else setProblem(formProblem(parsed.error));
        }}
      />
      <form
        className={styles.stack}
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = videoLinkFormSchema.safeParse({ title, url });
          if (!parsed.success) return setProblem(formProblem(parsed.error));
          hang(parsed.data);
          setUrl("");
          setTitle("");
        }}
      >
        <input
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://www.youtube.com/watch?v=…"
          aria-label="Video link"
          data-testid="editor-video-url"
        />
        <input
          value={title}
          maxLength={120}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="Title (optional)"
          aria-label="Video title"
        />
        <button type="submit" className="small-button" disabled={full} data-testid="editor-video-add">
          Hang linked video
        </button>
      </form>
      {problem ? (
        <p className="error-text small" data-testid="editor-video-problem">
          {problem}
        </p>
      ) : null}
      <EntryList
        items={manifest.videos.map((video) => video.title ?? video.source.type)}
        onSelect={(index) => props.onPlaced({ kind: "videos", index })}
      />
    </Panel>
  );
}

export function SpeakersPanel(props: {
  manifest: SceneManifest;
  edit: Edit;
  library: readonly LibraryAsset[];
  setLibrary: SetLibrary;
  onPlaced: (selection: Selection) => void;
}) {
  const { manifest, edit } = props;
  const { status, upload, busy } = useAssetUpload(props.setLibrary);
  const [name, setName] = useState("Speaker");
  const [tracks, setTracks] = useState<Speaker["playlist"]>([]);
  const [pasted, setPasted] = useState("");
  const [problem, setProblem] = useState<string>();
  const full = manifest.speakers.length >= LIST_LIMITS.speakers;

  const uploadTracks = async (files: File[]) => {
    for (const file of files) {
      const asset = await upload(file, "audio");
      if (!asset) return;
      const track = trackUploadSchema.safeParse(asset);
      if (!track.success) return setProblem(formProblem(track.error));
      setTracks((current) => [...current, track.data].slice(0, LIST_LIMITS.tracks));
    }
  };
  const place = () => {
    const form = speakerFormSchema.safeParse({ name, volume: 0.8, refDistance: 1, maxDistance: 10 });
    if (!form.success) return setProblem(formProblem(form.error));
    let playlist = tracks;
    try {
      const rows = pasted
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => {
          const bar = line.lastIndexOf("|");
          return bar < 0
            ? { title: "", source: line }
            : { title: line.slice(0, bar).trim(), source: line.slice(bar + 1).trim() };
        });
      playlist = [...tracks, ...playlistOf(rows)];
    } catch (error) {
      return setProblem((error as Error).message);
    }
    if (playlist.length === 0) return setProblem("Add at least one track: upload audio files or paste IPFS CIDs");
    if (playlist.length > LIST_LIMITS.tracks)
      return setProblem(`A playlist holds at most ${LIST_LIMITS.tracks} tracks`);
    edit((m) => addSpeaker(m, { name: form.data.name, playlist }));
    props.onPlaced({ kind: "speakers", index: manifest.speakers.length });
    setProblem(undefined);
    setTracks([]);
    setPasted("");
  };

  return (
    <Panel title={`Speakers and music (${manifest.speakers.length}/${LIST_LIMITS.speakers})`} testId="editor-speakers">
      <label className="field">
        Name
        <input
          value={name}
          maxLength={80}
          onChange={(e) => setName(e.target.value)}
          data-testid="editor-speaker-name"
        />
      </label>
      <label className={styles.fileButton}>
        Audio files…
        <input
          type="file"
          multiple
          accept="audio/mpeg,audio/ogg,audio/mp4,audio/wav,audio/flac,.mp3,.ogg,.opus,.m4a,.wav,.flac"
          disabled={busy || full}
          data-testid="editor-upload-audio"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = "";
            void uploadTracks(files);
          }}
        />
      </label>
      <UploadStatusLine status={status} testId="editor-audio-upload-status" />
      <EarlierUploads
        library={props.library}
        kind="audio"
        action="Add"
        disabled={tracks.length >= LIST_LIMITS.tracks}
        onUse={(asset) => {
          const track = trackUploadSchema.safeParse(asset);
          if (track.success) setTracks((current) => [...current, track.data]);
          else setProblem(formProblem(track.error));
        }}
      />
      {tracks.length > 0 ? (
        <PlaylistRows
          playlist={tracks}
          onMove={(from, to) =>
            setTracks((current) => {
              const next = [...current];
              const [track] = next.splice(from, 1);
              next.splice(Math.max(0, Math.min(next.length, to)), 0, track!);
              return next;
            })
          }
          onRemove={(index) => setTracks((current) => current.filter((_, i) => i !== index))}
          testId="editor-new-playlist"
        />
      ) : null}
      <label className="field">
        Or paste tracks already on IPFS (one a line: title | CID or ipfs:// URL)
        <textarea
          rows={2}
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
          placeholder="Morning | ipfs://bafkrei…"
          data-testid="editor-speaker-playlist"
        />
      </label>
      <button
        type="button"
        className="small-button"
        data-testid="editor-speaker-add"
        disabled={full || busy}
        onClick={place}
      >
        Place speaker
      </button>
      {problem ? <p className="error-text small">{problem}</p> : null}
      <EntryList
        items={manifest.speakers.map((speaker) => `${speaker.name} (${speaker.playlist.length})`)}
        onSelect={(index) => props.onPlaced({ kind: "speakers", index })}
      />
    </Panel>
  );
}

/** A playlist in order, each track with up, down and remove. */
export function PlaylistRows(props: {
  playlist: Speaker["playlist"];
  onMove: (from: number, to: number) => void;
  onRemove?: ((index: number) => void) | undefined;
  testId: string;
}) {
  const last = props.playlist.length - 1;
  return (
    <ol className={styles.playlist} data-testid={props.testId}>
      {props.playlist.map((track, index) => (
        <li key={`${index}-${track.audio}`} data-testid={`${props.testId}-track`} data-cid={track.audio}>
          <span className={styles.trackTitle} title={track.audio}>
            {track.title}
          </span>
          <button
            type="button"
            className="small-button"
            aria-label={`Move ${track.title} up`}
            disabled={index === 0}
            onClick={() => props.onMove(index, index - 1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="small-button"
            aria-label={`Move ${track.title} down`}
            disabled={index === last}
            onClick={() => props.onMove(index, index + 1)}
          >
            ↓
          </button>
          {props.onRemove ? (
            <button
              type="button"
              className="small-button"
              aria-label={`Remove ${track.title}`}
              onClick={() => props.onRemove?.(index)}
            >
              ✕
            </button>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

const LIGHT_TYPES: Array<{ type: LightType; label: string }> = [
  { type: "point", label: "Bulb (point)" },
  { type: "spot", label: "Spot" },
  { type: "directional", label: "Sun (directional)" },
  { type: "ambient", label: "Ambient" },
];

export function LightsPanel(props: { manifest: SceneManifest; edit: Edit; onPlaced: (selection: Selection) => void }) {
  const { manifest, edit } = props;
  const [type, setType] = useState<LightType>("point");
  const [problem, setProblem] = useState<string>();
  return (
    <Panel title={`Lights (${manifest.lights.length}/${LIST_LIMITS.lights})`} testId="editor-lights">
      <p className="muted small">
        {manifest.lights.length === 0
          ? "The room uses the default lighting until you add a light."
          : "Select a light to set its colour, strength and place; Preview shows the result."}
      </p>
      <div className={styles.row}>
        <select
          value={type}
          onChange={(e) => setType(e.target.value as LightType)}
          aria-label="Light type"
          data-testid="editor-light-type"
        >
          {LIGHT_TYPES.map((each) => (
            <option key={each.type} value={each.type}>
              {each.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="small-button"
          data-testid="editor-light-add"
          disabled={manifest.lights.length >= LIST_LIMITS.lights}
          onClick={() =>
            tryEdit(
              manifest,
              edit,
              (m) => addLight(m, type),
              (failure) => {
                setProblem(failure);
                if (!failure) props.onPlaced({ kind: "lights", index: manifest.lights.length });
              },
            )
          }
        >
          Add light
        </button>
      </div>
      {problem ? <p className="error-text small">{problem}</p> : null}
      <EntryList
        items={manifest.lights.map((light) => `${light.type} ${light.color}`)}
        onSelect={(index) => props.onPlaced({ kind: "lights", index })}
      />
    </Panel>
  );
}

/** The subgraph lookups a portal's target is checked with. */
export function usePortalLookups(): PortalLookups {
  const { subgraphUrl } = useAppConfig();
  return {
    unitIdByName: (name) => fetchUnitIdByName({ url: subgraphUrl, name }),
    unitExists: async (tokenId) => {
      const { district } = decodeUnitId(tokenId);
      const data = await fetchUnitDetail({ url: subgraphUrl, tokenId, district });
      return data.unit !== null;
    },
  };
}

export function PortalsPanel(props: {
  manifest: SceneManifest;
  unitId: bigint;
  edit: Edit;
  onPlaced: (selection: Selection) => void;
}) {
  const { manifest, edit } = props;
  const lookups = usePortalLookups();
  const [name, setName] = useState("Door");
  const [kind, setKind] = useState<"door" | "portal">("door");
  const [target, setTarget] = useState("");
  const [state, setState] = useState<{ checking: boolean; problem?: string }>({ checking: false });
  const full = manifest.portals.length >= LIST_LIMITS.portals;
  return (
    <Panel title={`Doors and portals (${manifest.portals.length}/${LIST_LIMITS.portals})`} testId="editor-portals">
      <form
        className={styles.stack}
        onSubmit={(e) => {
          e.preventDefault();
          const form = portalFormSchema.safeParse({ name, kind, target });
          if (!form.success) return setState({ checking: false, problem: formProblem(form.error) });
          setState({ checking: true });
          resolvePortalDestination(form.data.target, { currentUnit: props.unitId, lookups }).then(
            (to) => {
              tryEdit(
                manifest,
                edit,
                (m) => addPortal(m, { name: form.data.name, kind: form.data.kind, to }),
                (failure) => {
                  setState({ checking: false, ...(failure ? { problem: failure } : {}) });
                  if (!failure) {
                    props.onPlaced({ kind: "portals", index: manifest.portals.length });
                    setTarget("");
                  }
                },
              );
            },
            (error: unknown) => setState({ checking: false, problem: (error as Error).message }),
          );
        }}
      >
        <div className={styles.row}>
          <input
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            aria-label="Door name"
            data-testid="editor-portal-name"
          />
          <select value={kind} onChange={(e) => setKind(e.target.value as "door" | "portal")} aria-label="Kind">
            <option value="door">door</option>
            <option value="portal">portal</option>
          </select>
        </div>
        <input
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          placeholder="R-0042-07-12-003, a unit's name, or https://…"
          aria-label="Leads to"
          data-testid="editor-portal-target"
        />
        <button
          type="submit"
          className="small-button"
          disabled={full || state.checking}
          data-testid="editor-portal-add"
        >
          {state.checking ? "Checking the unit…" : "Place door"}
        </button>
      </form>
      {state.problem ? (
        <p className="error-text small" data-testid="editor-portal-problem">
          {state.problem}
        </p>
      ) : null}
      <EntryList
        items={manifest.portals.map(
          (portal) =>
            `${portal.name} → ${
              portal.to.type === "unit"
                ? `unit ${portal.to.unit}`
                : portal.to.type === "url"
                  ? new URL(portal.to.url).host
                  : `room ${portal.to.room}`
            }`,
        )}
        onSelect={(index) => props.onPlaced({ kind: "portals", index })}
      />
    </Panel>
  );
}

const WEATHERS: Environment["weather"][] = ["clear", "cloudy", "overcast", "rain", "snow", "fog"];

export function EnvironmentPanel(props: { manifest: SceneManifest; edit: Edit; seal: () => void }) {
  const { manifest, edit, seal } = props;
  const environment = manifest.environment;
  const [problem, setProblem] = useState<string>();
  const set = (next: Environment, key?: string) => {
    const parsed = environmentFormSchema.safeParse(next);
    if (!parsed.success) return setProblem(formProblem(parsed.error));
    setProblem(undefined);
    edit((m) => setEnvironment(m, parsed.data), key);
  };
  return (
    <Panel title="Time of day and weather" testId="editor-environment">
      <label className={styles.inline}>
        <input
          type="checkbox"
          checked={environment !== undefined}
          data-testid="editor-environment-custom"
          onChange={(e) =>
            e.target.checked ? set({ timeOfDay: 12, weather: "clear" }) : edit((m) => setEnvironment(m, undefined))
          }
        />
        Set the time and weather (otherwise noon, clear)
      </label>
      {environment ? (
        <>
          <label className="field">
            Time {formatHours(environment.timeOfDay)}
            <input
              type="range"
              min={0}
              max={24}
              step={0.25}
              value={environment.timeOfDay}
              data-testid="editor-environment-time"
              onChange={(e) => set({ ...environment, timeOfDay: e.target.valueAsNumber }, "environment-time")}
              onPointerUp={seal}
              onKeyUp={seal}
            />
          </label>
          <label className="field">
            Weather
            <select
              value={environment.weather}
              data-testid="editor-environment-weather"
              onChange={(e) => set({ ...environment, weather: e.target.value as Environment["weather"] })}
            >
              {WEATHERS.map((weather) => (
                <option key={weather} value={weather}>
                  {weather}
                </option>
              ))}
            </select>
          </label>
        </>
      ) : null}
      {problem ? <p className="error-text small">{problem}</p> : null}
    </Panel>
  );
}

/** The unit's earlier uploads of one kind (kept with its drafts), each ready to use again. */
function EarlierUploads(props: {
  library: readonly LibraryAsset[];
  kind: "video" | "audio";
  action: string;
  disabled: boolean;
  onUse: (asset: LibraryAsset) => void;
}) {
  const assets = props.library.filter((asset) => asset.kind === props.kind);
  if (assets.length === 0) return null;
  return (
    <details className="small" data-testid={`editor-earlier-${props.kind}`}>
      <summary>
        Your earlier {props.kind} uploads ({assets.length})
      </summary>
      <ul className={styles.assetList}>
        {assets.map((asset) => (
          <li key={asset.cid} data-testid="editor-earlier-item" data-cid={asset.cid}>
            <span title={asset.cid}>{asset.name}</span>
            <button type="button" className="small-button" disabled={props.disabled} onClick={() => props.onUse(asset)}>
              {props.action}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

function EntryList({ items, onSelect }: { items: string[]; onSelect: (index: number) => void }) {
  if (items.length === 0) return null;
  return (
    <ul className={`small ${styles.entryList}`}>
      {items.map((label, index) => (
        <li key={index}>
          <button type="button" className="small-button" onClick={() => onSelect(index)}>
            {label}
          </button>
        </li>
      ))}
    </ul>
  );
}
