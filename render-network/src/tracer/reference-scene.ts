/**
 * The reference scene of tests and the bench: an 8 × 8 m room, 3 m high (x and z from 0 to 8, y up
 * from the floor at 0), lit by a 2 × 2 m ceiling panel, with coloured side walls, three boxes, a
 * glossy varnished sphere and a rough metal sphere, plus the standard cameras looking at it.
 */
import type { CubeFaceCamera, PinholeCamera } from "./camera.ts";
import { diffuse, glossy, SceneBuilder } from "./scene-builder.ts";
import type { TriangleScene } from "./scene.ts";

/** Builds the reference room (about two thousand triangles). */
export function referenceScene(): TriangleScene {
  const white = diffuse([0.75, 0.75, 0.72]);
  const floor = diffuse([0.55, 0.5, 0.45]);
  const red = diffuse([0.7, 0.12, 0.1]);
  const green = diffuse([0.12, 0.55, 0.15]);
  const boxes = diffuse([0.6, 0.6, 0.6]);
  const varnish = glossy([0.1, 0.2, 0.6], 0.04, 0.15);
  const metal = glossy([0, 0, 0], 0.9, 0.35);
  return new SceneBuilder()
    .quad([0, 0, 0], [0, 0, 8], [8, 0, 0], floor) // floor
    .quad([0, 3, 0], [8, 0, 0], [0, 0, 8], white) // ceiling
    .quad([0, 0, 0], [8, 0, 0], [0, 3, 0], white) // back wall (z = 0)
    .quad([0, 0, 8], [0, 3, 0], [8, 0, 0], white) // front wall (z = 8)
    .quad([0, 0, 0], [0, 3, 0], [0, 0, 8], red) // left wall (x = 0)
    .quad([8, 0, 0], [0, 0, 8], [0, 3, 0], green) // right wall (x = 8)
    .box([1.2, 0, 1.5], [2.6, 1.4, 2.9], boxes)
    .box([5.6, 0, 1.2], [6.6, 2.2, 2.2], boxes)
    .box([3.2, 0, 4.8], [4.0, 0.6, 5.6], white)
    .sphere([4, 0.9, 2.6], 0.9, varnish)
    .sphere([6.3, 0.5, 4.6], 0.5, metal, 12, 24)
    .rectLight({ corner: [3, 2.999, 3], edgeU: [2, 0, 0], edgeV: [0, 0, 2], radiance: [6, 5.75, 5.25] })
    .setEnvironment({
      kind: "gradient",
      zenith: [0.3, 0.45, 0.8],
      horizon: [0.8, 0.85, 0.9],
      ground: [0.2, 0.18, 0.15],
    })
    .build();
}

/** The reference view: from near the front wall, looking across the room. */
export const referenceCamera: PinholeCamera = {
  kind: "pinhole",
  position: [4, 1.6, 7.6],
  target: [4, 1.1, 2],
  verticalFovDegrees: 60,
};

/** A cube-map face at the middle of the room (face 5 looks towards the back wall, −z). */
export const referenceCubeCamera: CubeFaceCamera = { kind: "cube-face", position: [4, 1.6, 5], face: 5 };
