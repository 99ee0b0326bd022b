/**
 * `GET /api/catalog`: the starter catalog's index (models, their CIDs and costs) for the editor.
 * The catalog is generated in code, the same bytes every time, and published to the configured
 * IPFS node once per server process (adding content a node already holds changes nothing), so
 * every model the index names can be fetched from the gateway.
 */
import { publishCatalog, type PublishedCatalog } from "@markspace/ipfs/catalog";
import { apiError } from "../_lib/apiError.ts";
import { ipfsApiUrlFrom } from "../_lib/serverIpfs.ts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

let published: { apiUrl: string; catalog: Promise<PublishedCatalog> } | undefined;

export async function GET(): Promise<Response> {
  try {
    const apiUrl = ipfsApiUrlFrom(process.env);
    if (published?.apiUrl !== apiUrl) {
      const catalog = publishCatalog(apiUrl, { signal: AbortSignal.timeout(60_000) });
      published = { apiUrl, catalog };
      // A failed attempt is not kept: the next request tries again.
      catalog.catch(() => {
        if (published?.catalog === catalog) published = undefined;
      });
    }
    const { indexCid, index } = await published.catalog;
    return Response.json({ indexCid, ...index }, { headers: { "cache-control": "private, max-age=300" } });
  } catch (error) {
    console.error("catalog: publishing failed", error);
    return apiError(503, {
      error: "The starter catalog could not be published to IPFS",
      field: "catalog",
      details: error instanceof Error ? error.message : String(error),
    });
  }
}
