/**
 * Computes the renderer version from the tracer's sources: SHA-256 over each non-test `.ts` file of
 * `src/tracer/` except `version.ts`, in code-point order of their names, as
 * `name NUL content NUL` with line endings normalised to `\n`. Run it directly to print the value,
 * or with `--write` to store it in `src/tracer/version.ts` (format the sources first):
 *
 *   node --import tsx render-network/src/renderer-version.ts [--write]
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The folder whose sources make up the renderer. */
export const tracerDir = fileURLToPath(new URL("./tracer/", import.meta.url));

/** The source files that the renderer version covers, sorted. */
export function rendererSourceFiles(dir = tracerDir): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts") && name !== "version.ts")
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `0x`-prefixed SHA-256 over the renderer's sources. */
export function computeRendererVersion(dir = tracerDir): `0x${string}` {
  const hash = createHash("sha256");
  for (const name of rendererSourceFiles(dir)) {
    const content = readFileSync(`${dir}${name}`, "utf8").replace(/\r\n/g, "\n");
    hash.update(`${name}\0${content}\0`);
  }
  return `0x${hash.digest("hex")}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const version = computeRendererVersion();
  if (process.argv.includes("--write")) {
    const file = `${tracerDir}version.ts`;
    writeFileSync(file, readFileSync(file, "utf8").replace(/"0x[0-9a-f]{64}"/, `"${version}"`));
  }
  console.log(version);
}
