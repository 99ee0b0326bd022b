"use client";
/**
 * Stands where an asset goes while it loads (blue wireframe, download progress) or after it
 * failed (red, with its name, why, and a retry button). A `box` marks a model at its position and
 * rotation; a `panel` marks a picture or screen flat on its wall.
 */
import { useSyncExternalStore } from "react";
import { assetProgress, formatProgress } from "../ipfs/assetProgress.ts";
import { SceneLabel } from "./SceneLabel.tsx";

type Vec3 = [number, number, number];

export type MarkerShape =
  | { kind: "box"; position: Vec3; rotation?: Vec3; size?: number }
  | { kind: "panel"; position: Vec3; rotationY: number; width: number; height: number };

type Props = {
  shape: MarkerShape;
  label: string;
  status: "loading" | "failed";
  progressKey?: string;
  detail?: string;
  onRetry?: () => void;
};

const LOADING = "#8fb3ff";
const FAILED = "#ff5a5a";

export function AssetMarker({ shape, label, status, progressKey, detail, onRetry }: Props) {
  const color = status === "failed" ? FAILED : LOADING;
  const size = shape.kind === "box" ? (shape.size ?? 0.8) : 0;
  const position: Vec3 =
    shape.kind === "box" ? [shape.position[0], shape.position[1] + size / 2, shape.position[2]] : shape.position;
  const rotation: Vec3 = shape.kind === "box" ? (shape.rotation ?? [0, 0, 0]) : [0, shape.rotationY, 0];
  return (
    <group name={`${status}-marker`} position={position} rotation={rotation}>
      <mesh position-z={shape.kind === "panel" ? 0.01 : 0}>
        {shape.kind === "box" ? (
          <boxGeometry args={[size, size, size]} />
        ) : (
          <planeGeometry args={[shape.width, shape.height]} />
        )}
        <meshBasicMaterial color={color} transparent opacity={status === "failed" ? 0.45 : 0.25} wireframe />
      </mesh>
      <SceneLabel position={[0, shape.kind === "box" ? size / 2 + 0.15 : 0, 0.02]}>
        {status === "loading" ? (
          <LoadingLabel label={label} progressKey={progressKey} />
        ) : (
          <div className="asset-marker failed" role="alert" data-testid="missing-asset">
            <strong>{label}</strong> could not be loaded
            {detail ? <small>{detail}</small> : null}
            {onRetry ? (
              <button type="button" className="button secondary" onClick={onRetry}>
                Retry
              </button>
            ) : null}
          </div>
        )}
      </SceneLabel>
    </group>
  );
}

function LoadingLabel({ label, progressKey }: { label: string; progressKey: string | undefined }) {
  const progress = useSyncExternalStore(
    assetProgress.subscribe,
    () => (progressKey ? assetProgress.get(progressKey) : undefined),
    () => undefined,
  );
  const text = formatProgress(progress);
  return (
    <div className="asset-marker loading" role="status">
      {label}
      {text ? ` · ${text}` : ""}
      {progress?.total ? (
        <progress max={progress.total} value={progress.received} aria-label={`${label} download`} />
      ) : null}
    </div>
  );
}
