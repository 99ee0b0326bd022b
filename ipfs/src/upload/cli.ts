/**
 * Checks and optimizes one asset the way an upload is checked, writes the result and/or adds it
 * to an IPFS node:
 *
 *   npx tsx ipfs/src/upload/cli.ts model chair.glb [--out chair.min.glb] [--ipfs-api-url http://127.0.0.1:5001] [--meshopt]
 *   npx tsx ipfs/src/upload/cli.ts picture photo.jpg [--out …] [--ipfs-api-url …]
 *   npx tsx ipfs/src/upload/cli.ts panorama room-360.jpg [--layout mono|top-bottom|left-right] [--out …] [--ipfs-api-url …]
 *
 * Exits 0 with a report, 1 when the asset is refused (the message names the asset, the limit and
 * the measured value), 2 on a bad command line.
 */
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { toErrorView } from "@markspace/common/errors";
import { addBytes } from "../client.ts";
import { IpfsError } from "../errors.ts";
import { prepareImage, type PanoramaLayout } from "./image.ts";
import type { ModelMeasures } from "./inspect.ts";
import { prepareModel } from "./prepare.ts";

const USAGE = `Usage: tsx ipfs/src/upload/cli.ts <model|picture|panorama> <file> [options]
  --out <file>             write the optimized asset here
  --ipfs-api-url <url>     add the optimized asset to this Kubo-RPC API and print its CID
  --layout <layout>        panorama layout: mono (2:1, default), top-bottom (1:1), left-right (4:1)
  --meshopt                models: also compress geometry with EXT_meshopt_compression (the render
                           network's tracer cannot read it yet; three.js can)`;

const LAYOUTS: readonly PanoramaLayout[] = ["mono", "top-bottom", "left-right"];

export type CliOutput = { log: (line: string) => void; error: (line: string) => void };

/** Runs the command line `argv` (without node and the script); returns the exit code. */
export async function runUploadCli(argv: string[], output: CliOutput): Promise<number> {
  let values: { out?: string; "ipfs-api-url"?: string; layout?: string; meshopt?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: "string" },
        "ipfs-api-url": { type: "string" },
        layout: { type: "string" },
        meshopt: { type: "boolean" },
      },
    }));
  } catch (error) {
    output.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [kind, file] = positionals;
  const layout = (values.layout ?? "mono") as PanoramaLayout;
  if (!kind || !file || positionals.length > 2 || !["model", "picture", "panorama"].includes(kind)) {
    output.error(USAGE);
    return 2;
  }
  if (!LAYOUTS.includes(layout)) {
    output.error(`--layout must be one of ${LAYOUTS.join(", ")}, not "${values.layout}"`);
    return 2;
  }
  const name = basename(file);
  try {
    const input = new Uint8Array(await readFile(file));
    let bytes: Uint8Array;
    if (kind === "model") {
      const prepared = await prepareModel(name, input, { meshopt: values.meshopt ?? false });
      output.log(`${name}: valid glTF 2.0 (Khronos validator ${prepared.validatorVersion})`);
      for (const warning of prepared.warnings) output.log(`  warning ${warning.code}: ${warning.message}`);
      output.log(`  before: ${describe(prepared.before)}`);
      output.log(`  after:  ${describe(prepared.after)}`);
      bytes = prepared.bytes;
    } else {
      const prepared = await prepareImage(name, input, { kind: kind as "picture" | "panorama", layout });
      const { original } = prepared;
      output.log(
        `${name}: ${original.format} ${original.width} × ${original.height}, ${original.bytes} bytes → ` +
          `${prepared.mimeType} ${prepared.width} × ${prepared.height}, ${prepared.bytes.byteLength} bytes`,
      );
      bytes = prepared.bytes;
    }
    if (values.out) {
      await writeFile(values.out, bytes);
      output.log(`  wrote ${values.out}`);
    }
    if (values["ipfs-api-url"]) {
      output.log(`  added → ${await addBytes(values["ipfs-api-url"], bytes, { name })}`);
    }
    return 0;
  } catch (error) {
    const view = toErrorView(error);
    output.error([view.shortMessage, view.details, view.hint && `Hint: ${view.hint}`].filter(Boolean).join("\n"));
    if (error instanceof IpfsError || (error as NodeJS.ErrnoException).code === "ENOENT") return 1;
    throw error;
  }
}

function describe(measures: ModelMeasures): string {
  const textures = measures.textures.map((texture) => `${texture.width}×${texture.height}`).join(", ");
  return (
    `${measures.bytes} bytes, ${measures.triangles} triangles, ${measures.drawCalls} draw call${measures.drawCalls === 1 ? "" : "s"}` +
    (textures ? `, textures ${textures}` : "")
  );
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  process.exitCode = await runUploadCli(process.argv.slice(2), {
    log: (line) => console.log(line),
    error: (line) => console.error(line),
  });
}
