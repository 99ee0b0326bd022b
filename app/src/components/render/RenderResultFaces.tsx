"use client";
/**
 * A completed job's result as the Scheduler published it: the result document and the six PNG
 * faces of its first cube map, each fetched from the IPFS gateway and checked against its CID
 * before it is shown.
 */
import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { sceneCidOf } from "@markspace/ipfs/scene-content";
import { CUBE_FACE_NAMES, renderResultSchema } from "@markspace/render-network/result";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { loadVerifiedAsset, toArrayBuffer } from "../../ipfs/verifiedContent.ts";

export function RenderResultFaces({ digest, codec }: { digest: string; codec: string }) {
  const { ipfsGatewayUrl } = useAppConfig();
  const resultCid = sceneCidOf({ digest: digest as `0x${string}`, codec: BigInt(codec) });
  const result = useQuery({
    queryKey: ["render-result", ipfsGatewayUrl, resultCid],
    enabled: resultCid !== undefined,
    staleTime: Infinity,
    queryFn: async () => {
      const bytes = await loadVerifiedAsset(ipfsGatewayUrl, resultCid!);
      const document = renderResultSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));
      const faces = await Promise.all(
        document.viewpoints[0]!.faces.map((cid) => loadVerifiedAsset(ipfsGatewayUrl, cid)),
      );
      return { document, faces };
    },
  });
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    if (!result.data) return;
    const made = result.data.faces.map((bytes) =>
      URL.createObjectURL(new Blob([toArrayBuffer(bytes)], { type: "image/png" })),
    );
    setUrls(made);
    return () => made.forEach((url) => URL.revokeObjectURL(url));
  }, [result.data]);

  if (result.isError) {
    return (
      <p className="error-text">
        Could not load the published result {resultCid}: {(result.error as Error).message}
      </p>
    );
  }
  if (!result.data || urls.length === 0) return <p className="muted">Loading the published cube map…</p>;
  const { document } = result.data;
  return (
    <figure className="render-result" data-testid="render-result" data-result-cid={resultCid}>
      <div className="render-result-faces">
        {urls.map((url, face) => (
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
        {document.samplesPerPixel} samples a pixel; result <code>{resultCid}</code>
        {document.viewpoints.length > 1 ? `, and ${document.viewpoints.length - 1} more viewpoints` : ""}.
      </figcaption>
    </figure>
  );
}
