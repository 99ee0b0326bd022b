/** `POST /api/manifests`: validates a scene manifest and stores it on IPFS (see `handlePublishManifest.ts`). */
import { ipfsApiUrlFrom } from "../_lib/serverIpfs.ts";
import { serverUploadGuard } from "../_lib/serverUploadGuard.ts";
import { handlePublishManifest } from "./handlePublishManifest.ts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return handlePublishManifest(request, {
    guard: await serverUploadGuard("manifest"),
    ipfsApiUrl: () => ipfsApiUrlFrom(process.env),
  });
}
