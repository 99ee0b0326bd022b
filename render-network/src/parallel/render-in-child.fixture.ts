/**
 * Test fixture: renders the tiles named on the command line (JSON: { spec, tiles, scene? }) of the
 * reference scene (or, with `"scene": "textured"`, the textured glTF test unit) in this process and
 * prints their hashes as JSON. Run by render-tiles.test.ts in a child
 * process to show that another process computes the same bits.
 */
import { texturedTestScene } from "../testing/gltf-fixtures.ts";
import { prepareScene, referenceScene, renderTileResult, type ImageSpec, type Tile } from "../tracer/index.ts";

const { spec, tiles, scene } = JSON.parse(process.argv[2] ?? "{}") as {
  spec: ImageSpec;
  tiles: Tile[];
  scene?: "reference" | "textured";
};
const prepared = prepareScene(scene === "textured" ? (await texturedTestScene()).scene : referenceScene());
console.log(JSON.stringify(tiles.map((tile) => renderTileResult(prepared, spec, tile).hash)));
