/** `POST /api/uploads`: validates, optimizes and stores one model, picture, panorama, video or audio file (see `handleUpload.ts`). */
import { ipfsApiUrlFrom } from "../_lib/serverIpfs.ts";
import { serverUploadGuard } from "../_lib/serverUploadGuard.ts";
import { handleUpload } from "./handleUpload.ts";

// sharp and the glTF validator need Node; every upload is new, so nothing is cached.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return handleUpload(request, {
    guard: await serverUploadGuard("upload"),
    ipfsApiUrl: () => ipfsApiUrlFrom(process.env),
  });
}
