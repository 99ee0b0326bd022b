"use client";
/**
 * A completed render job's published result, read from IPFS and checked against its CID: the
 * result document (validated with the render network's own schema), then the six PNG faces of
 * one viewpoint as object URLs (revoked when no longer shown).
 */
import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { sceneCidOf } from "@markspace/ipfs/scene-content";
import { renderResultSchema, type RenderResult } from "@markspace/render-network/result";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { loadVerifiedAsset, toArrayBuffer } from "../ipfs/verifiedContent.ts";

/** The result document of a job whose `completeJob` published `digest` with `codec`. */
export function useRenderResult(digest: string | null, codec: string | null) {
  const { ipfsGatewayUrl } = useAppConfig();
  const cid = digest && codec ? sceneCidOf({ digest: digest as `0x${string}`, codec: BigInt(codec) }) : undefined;
  const query = useQuery({
    queryKey: ["render-result", ipfsGatewayUrl, cid],
    enabled: cid !== undefined,
    staleTime: Infinity,
    queryFn: async (): Promise<RenderResult> => {
      const bytes = await loadVerifiedAsset(ipfsGatewayUrl, cid!);
      return renderResultSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));
    },
  });
  return { cid, ...query };
}

/** Object URLs of the six faces of `viewpoint`, once all six are fetched and verified. */
export function useFaceUrls(result: RenderResult | undefined, viewpoint: number) {
  const { ipfsGatewayUrl } = useAppConfig();
  const faces = result?.viewpoints[viewpoint]?.faces;
  const query = useQuery({
    queryKey: ["render-faces", ipfsGatewayUrl, faces],
    enabled: faces !== undefined,
    staleTime: Infinity,
    queryFn: () => Promise.all(faces!.map((cid) => loadVerifiedAsset(ipfsGatewayUrl, cid))),
  });
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    if (!query.data) return;
    const made = query.data.map((bytes) =>
      URL.createObjectURL(new Blob([toArrayBuffer(bytes)], { type: "image/png" })),
    );
    setUrls(made);
    return () => made.forEach((url) => URL.revokeObjectURL(url));
  }, [query.data]);
  return { urls: query.data ? urls : [], isError: query.isError, error: query.error };
}
