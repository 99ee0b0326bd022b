/**
 * `POST /api/manifests`: the editor's publish step. The JSON body is read as a scene manifest of
 * any version (`sceneManifestSchema`, migrated to the newest), written out as the newest version
 * and added to IPFS through the Kubo-RPC API, once the request passed the guard (a per-client rate
 * limit and the EIP-712 signature of an account that may decorate the unit, `_lib/uploadGuard.ts`). Answers `{ cid, bytes }`; the unit's pointer is
 * then set on chain by the publisher's own wallet (`setContent`), which the server never touches.
 */
import { addBytes } from "@markspace/ipfs/client";
import { sceneManifestSchema, serializeSceneManifest } from "@markspace/ipfs/manifest";
import { apiError } from "../_lib/apiError.ts";
import { readLimitedBody, RequestBodyTooLargeError } from "../_lib/readLimitedBody.ts";
import { guardUploadRequest, type UploadGuard } from "../_lib/uploadGuard.ts";

/** A manifest has at most a few hundred entries; 512 KiB is far above any valid one. */
export const MAX_MANIFEST_BYTES = 512 * 1024;

export type PublishedManifest = { cid: string; bytes: number };

export type PublishManifestDependencies = {
  /** The rate limit and the signed permission every request must pass first. */
  guard: UploadGuard;
  ipfsApiUrl: () => string;
  fetch?: typeof fetch;
};

export async function handlePublishManifest(
  request: Request,
  dependencies: PublishManifestDependencies,
): Promise<Response> {
  const guarded = await guardUploadRequest(request, "publish-manifest", dependencies.guard);
  if (!guarded.ok) return guarded.response;
  let json: unknown;
  try {
    const body = await readLimitedBody(request, MAX_MANIFEST_BYTES);
    json = JSON.parse(new TextDecoder().decode(body));
  } catch (error) {
    if (error instanceof RequestBodyTooLargeError) {
      return apiError(413, { error: error.message, field: "body", limit: MAX_MANIFEST_BYTES });
    }
    return apiError(400, { error: "The body is not JSON", field: "body", details: String(error) });
  }
  const parsed = sceneManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join(".") || "(root)";
    return apiError(422, {
      error: `Invalid scene manifest: ${field}: ${issue.message}`,
      field,
      details: parsed.error.issues.map((each) => `${each.path.join(".") || "(root)"}: ${each.message}`).join("\n"),
    });
  }
  const text = serializeSceneManifest(parsed.data);
  const bytes = new TextEncoder().encode(text);
  try {
    const cid = await addBytes(dependencies.ipfsApiUrl(), bytes, {
      name: "scene.json",
      ...(dependencies.fetch ? { fetch: dependencies.fetch } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    return Response.json({ cid, bytes: bytes.byteLength } satisfies PublishedManifest, {
      headers: { "cache-control": "no-store" },
    });
  } catch (error) {
    console.error("manifest: storing on IPFS failed", error);
    return apiError(502, {
      error: "The manifest is valid but could not be stored on IPFS",
      field: "body",
      details: error instanceof Error ? error.message : String(error),
      hint: "Your draft is kept in this browser; publish again in a moment.",
    });
  }
}
