/**
 * The deterministic path tracer: scene building, BVH, cameras, tile rendering, quantization,
 * hashing and PNG encoding.
 */
export { buildBvh, closestHit, anyHit, type Bvh, type Hit } from "./bvh.ts";
export {
  cameraFrame,
  cameraRay,
  CUBE_FACES,
  type Camera,
  type CubeFace,
  type CubeFaceCamera,
  type PinholeCamera,
} from "./camera.ts";
export { encodePng } from "./png.ts";
export { quantizePixels, tonemap, linearToSrgb } from "./quantize.ts";
export { referenceCamera, referenceCubeCamera, referenceScene } from "./reference-scene.ts";
export {
  checkTile,
  prepareScene,
  renderTile,
  type ImageSpec,
  type RenderTileReturnType,
  type Tile,
} from "./render-tile.ts";
export { Rng, createRng, type RngSeed } from "./rng.ts";
export { SceneBuilder, diffuse, glossy } from "./scene-builder.ts";
export type { Environment, Material, RectLight, Rgb, TriangleScene, Vec3 } from "./scene.ts";
export { tileHash, type TileHashParameters } from "./tile-hash.ts";
export { renderTileResult, type TileResult } from "./tile-result.ts";
export type { PreparedScene } from "./integrator.ts";
export { RENDERER_VERSION } from "./version.ts";
