/** `POST /api/uploads`: validates, optimizes and stores one model, picture or panorama (see `handleUpload.ts`). */
import { ipfsApiUrlFrom } from "../_lib/serverIpfs.ts";
import { handleUpload } from "./handleUpload.ts";

// sharp and the glTF validator need Node; every upload is new, so nothing is cached.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return handleUpload(request, { ipfsApiUrl: () => ipfsApiUrlFrom(process.env) });
}
