"use client";
/**
 * The unit page's pre-rendered 360° view: when the render network has completed a job on the
 * unit's current scene, its published cube maps, one per viewpoint, with hotspots (and buttons)
 * to move between viewpoints. Nothing is shown for a scene nobody has rendered yet.
 */
import dynamic from "next/dynamic";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { sceneContentOf } from "@markspace/ipfs/scene-content";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { useFaceUrls, useRenderResult } from "../../render/useRenderResult.ts";
import { fetchSceneRender } from "../../subgraph/renderClient.ts";

// three.js and react-three-fiber load only when a published cube map is there to show (most
// scenes have none), not with the unit page.
const PanoramaView = dynamic(() => import("../../scene/PanoramaView.tsx").then((module) => module.PanoramaView), {
  ssr: false,
  loading: () => <p className="muted">Starting the 360° view…</p>,
});

/** The CID's sha2-256 digest as jobs name scenes, or undefined for a CID no job could name. */
function sceneDigestOf(contentCid: string): string | undefined {
  try {
    return sceneContentOf(contentCid).digest;
  } catch {
    return undefined;
  }
}

export function PrerenderedView({ contentCid }: { contentCid: string }) {
  const digest = sceneDigestOf(contentCid);
  return digest ? <PrerenderedScene digest={digest} /> : null;
}

function PrerenderedScene({ digest }: { digest: string }) {
  const { subgraphUrl } = useAppConfig();
  const render = useQuery({
    queryKey: ["scene-render", subgraphUrl, digest],
    queryFn: ({ signal }) => fetchSceneRender({ url: subgraphUrl, digest, signal }),
    refetchInterval: 15_000,
  });
  const job = render.data ?? null;
  const result = useRenderResult(job?.resultDigest ?? null, job?.resultCodec ?? null);
  const [viewpoint, setViewpoint] = useState(0);
  const faces = useFaceUrls(result.data, viewpoint);
  if (!job) return null;
  const failure = result.error ?? faces.error;
  return (
    <section className="prerendered" data-testid="prerendered-view" data-job-id={job.jobId}>
      <h2>Pre-rendered 360° view</h2>
      <p className="muted">
        Rendered by the render network (job {job.jobId}); drag to look around
        {result.data && result.data.viewpoints.length > 1 ? ", click a yellow marker to stand there" : ""}.
      </p>
      {failure ? (
        <p className="error-text">Could not load the published panorama: {(failure as Error).message}</p>
      ) : result.data && faces.urls.length === 6 ? (
        <>
          <PanoramaView
            viewpoints={result.data.viewpoints}
            faceUrls={faces.urls}
            current={viewpoint}
            onSelect={setViewpoint}
          />
          {result.data.viewpoints.length > 1 ? (
            <div className="panorama-viewpoints">
              {result.data.viewpoints.map((_, index) => (
                <button
                  type="button"
                  key={index}
                  aria-pressed={index === viewpoint}
                  onClick={() => setViewpoint(index)}
                  data-testid="panorama-viewpoint"
                >
                  Viewpoint {index + 1}
                </button>
              ))}
            </div>
          ) : null}
        </>
      ) : (
        <p className="muted">Loading the panorama…</p>
      )}
    </section>
  );
}
