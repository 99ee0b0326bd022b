/**
 * `GET /xr/profiles/...`: WebXR controller and hand models and layouts, served from the
 * `@webxr-input-profiles/assets` package (`src/xr/inputProfileAssets.ts`) instead of a CDN.
 */
import { inputProfilesRoot, readProfileAsset } from "../../../../xr/inputProfileAssets.ts";

export const runtime = "nodejs";

export async function GET(_request: Request, context: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const { path } = await context.params;
  const asset = await readProfileAsset(path, await inputProfilesRoot());
  if (!asset) {
    return Response.json({ error: `No input profile asset at /xr/profiles/${path.join("/")}` }, { status: 404 });
  }
  return new Response(Buffer.from(asset.bytes), {
    headers: {
      "content-type": asset.contentType,
      // The files change only with the package's version, which a deploy brings.
      "cache-control": "public, max-age=86400",
    },
  });
}
