/**
 * Generates the starter catalog (furniture, decor, appliances and frames as PBR glTF models made
 * in code) and writes the GLBs and `catalog.json` to a directory, publishes them to an IPFS
 * node, or both. The demo seed publishes the catalog on its own; this is for a node of your own
 * or to look at the files. Deterministic: the same code always gives the same CIDs.
 *
 *   npx tsx scripts/generate-catalog.ts --out .data/catalog [--ipfs-api-url http://127.0.0.1:5001]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildCatalog, publishCatalog } from "@markspace/ipfs/catalog";

const USAGE = "Usage: tsx scripts/generate-catalog.ts [--out <dir>] [--ipfs-api-url <url>] (at least one)";

export async function generateCatalog(options: { out?: string; ipfsApiUrl?: string; log?: (line: string) => void }) {
  const log = options.log ?? (() => {});
  const { index, files } = await buildCatalog();
  if (options.out) {
    mkdirSync(options.out, { recursive: true });
    for (const { item, glb } of files) writeFileSync(join(options.out, `${item.id}.glb`), glb);
    writeFileSync(join(options.out, "catalog.json"), `${JSON.stringify(index, null, 2)}\n`);
    log(`wrote ${files.length} models and catalog.json to ${options.out}`);
  }
  for (const item of index.items) {
    log(
      `${item.category.padEnd(10)} ${item.id.padEnd(14)} ${String(item.triangles).padStart(5)} triangles  ${item.drawCalls} draw calls  ${(item.bytes / 1024).toFixed(1).padStart(6)} KiB  ${item.model}`,
    );
  }
  if (options.ipfsApiUrl) return publishCatalog(options.ipfsApiUrl, {}, log);
  return undefined;
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const { values } = parseArgs({ options: { out: { type: "string" }, "ipfs-api-url": { type: "string" } } });
  if (!values.out && !values["ipfs-api-url"]) {
    console.error(USAGE);
    process.exit(2);
  }
  await generateCatalog({ out: values.out, ipfsApiUrl: values["ipfs-api-url"], log: (line) => console.log(line) });
}
