"use client";
/**
 * A completed job's result on `/render`: the six PNG faces of its first cube map as the
 * Scheduler published them, each checked against its CID before it is shown.
 */
import { CUBE_FACE_NAMES } from "@markspace/render-network/result";
import { useFaceUrls, useRenderResult } from "../../render/useRenderResult.ts";

export function RenderResultFaces({ digest, codec }: { digest: string; codec: string }) {
  const result = useRenderResult(digest, codec);
  const faces = useFaceUrls(result.data, 0);
  const failure = result.error ?? faces.error;
  if (failure) {
    return (
      <p className="error-text">
        Could not load the published result {result.cid}: {(failure as Error).message}
      </p>
    );
  }
  if (!result.data || faces.urls.length === 0) return <p className="muted">Loading the published cube map…</p>;
  const document = result.data;
  return (
    <figure className="render-result" data-testid="render-result" data-result-cid={result.cid}>
      <div className="render-result-faces">
        {faces.urls.map((url, face) => (
          <img
            key={face}
            src={url}
            width={document.faceSize}
            height={document.faceSize}
            alt={`cube face ${CUBE_FACE_NAMES[face]}`}
            title={CUBE_FACE_NAMES[face]}
            data-testid="render-result-face"
          />
        ))}
      </div>
      <figcaption className="muted">
        The six faces ({CUBE_FACE_NAMES.join(" ")}) of the cube map at viewpoint 0, {document.faceSize} pixels,{" "}
        {document.samplesPerPixel} samples a pixel; result <code>{result.cid}</code>
        {document.viewpoints.length > 1 ? `, and ${document.viewpoints.length - 1} more viewpoints` : ""}.
      </figcaption>
    </figure>
  );
}
