/**
 * Test fixture: renders the tiles named on the command line (JSON: { spec, tiles }) of the reference
 * scene in this process and prints their hashes as JSON. Run by render-tiles.test.ts in a child
 * process to show that another process computes the same bits.
 */
import { prepareScene, referenceScene, renderTileResult, type ImageSpec, type Tile } from "../tracer/index.ts";

const { spec, tiles } = JSON.parse(process.argv[2] ?? "{}") as { spec: ImageSpec; tiles: Tile[] };
const prepared = prepareScene(referenceScene());
console.log(JSON.stringify(tiles.map((tile) => renderTileResult(prepared, spec, tile).hash)));
