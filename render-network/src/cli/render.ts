/**
 * Renders an image with the path tracer and writes it as a PNG, printing each tile's hash: the
 * reference room by default, or a unit's scene manifest (JSON file) from its arrival viewpoint.
 *
 *   node --import tsx render-network/src/cli/render.ts --out room.png [--manifest unit.json]
 *     [--width 320] [--height 240] [--spp 16] [--max-depth 6] [--seed 1] [--tile 32] [--threads 2]
 *
 * Exits 2 on a bad flag or manifest, 1 when rendering fails (a size out of range included).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { parseSceneManifest } from "@markspace/ipfs/manifest";
import { assembleTiles } from "../assemble.ts";
import { renderTiles } from "../parallel/render-tiles.ts";
import { splitIntoTiles } from "../tiles.ts";
import { verifiedAssetFetcher } from "../asset-fetch.ts";
import { loadManifestScene, manifestCamera } from "../tracer/manifest-scene.ts";
import { encodePng, referenceCamera, referenceScene, RENDERER_VERSION, type ImageSpec } from "../tracer/index.ts";

const USAGE = `Usage: node --import tsx render-network/src/cli/render.ts --out <file.png> [options]
  --out <file>        PNG to write (required)
  --manifest <file>   a unit's scene manifest (JSON); default: the reference room
  --gateway <url>     IPFS path gateway for the manifest's models and images (default http://127.0.0.1:8080)
  --width <n>         image width in pixels (default 320)
  --height <n>        image height in pixels (default 240)
  --spp <n>           samples per pixel (default 16)
  --max-depth <n>     longest path in bounces (default 6)
  --seed <n>          job seed, 0 to 4294967295 (default 1)
  --tile <n>          tile side in pixels (default 32)
  --threads <n>       worker threads (default: the number of cores)`;

function whole(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number))
    throw new Error(`${flag} must be a whole number, got "${value}"`);
  return number;
}

type CliOptions = {
  out: string;
  manifest: string | undefined;
  gateway: string;
  spec: Omit<ImageSpec, "camera">;
  tile: number;
  threads: number;
};

/** Turns argv into options, or throws a message naming the bad flag; `undefined` for --help. */
function parseCliArgs(argv: string[]): CliOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      out: { type: "string" },
      manifest: { type: "string" },
      gateway: { type: "string" },
      width: { type: "string" },
      height: { type: "string" },
      spp: { type: "string" },
      "max-depth": { type: "string" },
      seed: { type: "string" },
      tile: { type: "string" },
      threads: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return undefined;
  if (!values.out) throw new Error("--out is required");
  return {
    out: values.out,
    manifest: values.manifest,
    gateway: values.gateway ?? "http://127.0.0.1:8080",
    spec: {
      width: whole("--width", values.width, 320),
      height: whole("--height", values.height, 240),
      samplesPerPixel: whole("--spp", values.spp, 16),
      maxDepth: whole("--max-depth", values["max-depth"], 6),
      seed: whole("--seed", values.seed, 1),
      view: 0,
    },
    tile: whole("--tile", values.tile, 32),
    threads: whole("--threads", values.threads, availableParallelism()),
  };
}

async function main(argv: string[]): Promise<number> {
  let options: CliOptions | undefined;
  try {
    options = parseCliArgs(argv);
    if (!options) {
      console.log(USAGE);
      return 0;
    }
  } catch (error) {
    console.error(`render: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { out, spec: settings } = options;
  let manifest;
  try {
    manifest = options.manifest ? parseSceneManifest(JSON.parse(readFileSync(options.manifest, "utf8"))) : undefined;
  } catch (error) {
    console.error(`render: ${options.manifest}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  try {
    const spec: ImageSpec = { ...settings, camera: manifest ? manifestCamera(manifest) : referenceCamera };
    const tiles = splitIntoTiles(spec.width, spec.height, options.tile);
    const scene = manifest
      ? await loadManifestScene(manifest, verifiedAssetFetcher(options.gateway))
      : referenceScene();
    console.log(`render: ${tiles.length} tiles on ${options.threads} thread(s), renderer ${RENDERER_VERSION}`);
    const { results, rays, seconds } = await renderTiles({ scene, spec, tiles, threads: options.threads });
    for (const { tile, hash } of results) console.log(`tile ${tile.x},${tile.y} ${tile.width}×${tile.height} ${hash}`);
    writeFileSync(out, encodePng(spec.width, spec.height, assembleTiles(spec.width, spec.height, results)));
    console.log(`render: wrote ${out} (${(rays / seconds / 1e6).toFixed(2)} Mrays/s, ${seconds.toFixed(1)} s)`);
    return 0;
  } catch (error) {
    console.error(`render: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
