"use client";
/**
 * The scene area of a unit page. Loads the unit's manifest from IPFS (verified) — or uses
 * `EMPTY_ROOM` when the unit has no content — then hands it to the 3D view. The wrapper's
 * `data-state` is `loading`, `ready` (no asset loading any more: each drawn, or marked in place
 * when it failed; `data-missing` counts those) or `error` (the manifest or the view itself failed,
 * with a readable message), which end-to-end tests and assistive tech can rely on.
 */
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { EMPTY_ROOM, type SceneManifest } from "@markspace/ipfs/manifest";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { toErrorView, type ErrorView } from "../errors/MarkspaceAppError.ts";
import { ErrorNotice } from "../components/ErrorNotice.tsx";
import { loadSceneManifest } from "../ipfs/verifiedContent.ts";
import { SceneErrorBoundary } from "./SceneErrorBoundary.tsx";
import type { SlotSummary } from "./slotSummary.ts";

const RoomView = dynamic(() => import("./RoomView.tsx"), {
  ssr: false,
  loading: () => <SceneMessage text="Starting the 3D view…" />,
});

type Props = { contentCid: string | null };

export function UnitScene({ contentCid }: Props) {
  const { ipfsGatewayUrl } = useAppConfig();
  const manifestQuery = useSceneManifest(contentCid);
  const [readyFor, setReadyFor] = useState<SceneManifest>();
  const [sceneError, setSceneError] = useState<ErrorView>();
  const [attempt, setAttempt] = useState(0);
  const [assets, setAssets] = useState<{ for: SceneManifest; summary: SlotSummary }>();
  const [retryToken, setRetryToken] = useState(0);
  const router = useRouter();
  const manifest = manifestQuery.data;
  const onReady = useCallback(() => setReadyFor(manifest), [manifest]);
  const onAssetsChange = useCallback(
    (summary: SlotSummary) => manifest && setAssets({ for: manifest, summary }),
    [manifest],
  );
  const onNavigate = useCallback((href: string) => router.push(href), [router]);
  const missing = assets && assets.for === manifest ? assets.summary.failed : 0;
  const onError = useCallback((error: unknown) => setSceneError(toErrorView(error)), []);

  const error = sceneError ?? (manifestQuery.error ? toErrorView(manifestQuery.error) : undefined);
  const state = error ? "error" : manifest && readyFor === manifest ? "ready" : "loading";

  return (
    <div
      className="unit-scene"
      data-testid="unit-scene"
      data-state={state}
      data-missing={missing}
      aria-busy={state === "loading"}
    >
      {error ? (
        <div className="scene-error">
          <ErrorNotice title="This unit's scene could not be shown" error={error}>
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setSceneError(undefined);
                setAttempt((n) => n + 1);
                if (manifestQuery.isError) void manifestQuery.refetch();
              }}
            >
              Try again
            </button>
          </ErrorNotice>
        </div>
      ) : manifest ? (
        <>
          <SceneErrorBoundary key={`${contentCid ?? "empty"}-${attempt}`} onError={onError}>
            <RoomView
              manifest={manifest}
              gatewayUrl={ipfsGatewayUrl}
              onReady={onReady}
              onAssetsChange={onAssetsChange}
              retryToken={retryToken}
              onNavigate={onNavigate}
            />
          </SceneErrorBoundary>
          {state === "ready" && missing > 0 ? (
            <div className="scene-missing" role="status" data-testid="scene-missing">
              {missing === 1 ? "1 object" : `${missing} objects`} could not be loaded and {missing === 1 ? "is" : "are"}{" "}
              marked in the room.{" "}
              <button type="button" className="button secondary" onClick={() => setRetryToken((n) => n + 1)}>
                Retry
              </button>
            </div>
          ) : null}
          {state === "loading" ? (
            <div className="scene-loading" role="status">
              Loading {manifest.objects.length} models and {manifest.images.length} pictures from IPFS…
            </div>
          ) : null}
        </>
      ) : (
        <SceneMessage text="Loading the scene manifest from IPFS…" />
      )}
    </div>
  );
}

/** The unit's manifest: `EMPTY_ROOM` without content, otherwise fetched, verified and validated once per CID. */
export function useSceneManifest(contentCid: string | null) {
  const { ipfsGatewayUrl } = useAppConfig();
  return useQuery({
    queryKey: ["scene-manifest", ipfsGatewayUrl, contentCid] as const,
    queryFn: ({ signal }) => (contentCid === null ? EMPTY_ROOM : loadSceneManifest(ipfsGatewayUrl, contentCid, signal)),
    // Content is addressed by hash: a CID's manifest never changes.
    staleTime: Infinity,
    retry: 1,
  });
}

function SceneMessage({ text }: { text: string }) {
  return (
    <div className="scene-message" role="status">
      {text}
    </div>
  );
}
