/**
 * The tracer's scene: a flat list of triangles with a material (and, for the triangles of an area
 * light, the light they belong to) and texture coordinates, rectangular area lights, and an environment. Plain data with
 * typed arrays, so it crosses to worker threads by structured clone unchanged.
 */

import type { Texture } from "./texture.ts";

/** Linear RGB, each channel ≥ 0. */
export type Rgb = readonly [number, number, number];

/** A point or direction in metres; y is up. */
export type Vec3 = readonly [number, number, number];

/**
 * A surface. `specular` is the Fresnel reflectance at normal incidence (F0) of a GGX lobe laid
 * over the Lambert base: 0 gives pure Lambert, 0.04 a varnish, 1 a mirror-like metal. `roughness`
 * is the perceptual roughness (GGX α = roughness²). A non-zero `emission` makes the surface a
 * one-sided emitter that does not reflect. A `texture` multiplies the albedo by its linear texel
 * at the hit's texture coordinates.
 */
export type Material = {
  albedo: Rgb;
  specular: number;
  roughness: number;
  emission: Rgb;
  texture?: Texture | null;
};

/**
 * A rectangular area light: the parallelogram `corner + s·edgeU + t·edgeV`, s, t ∈ [0, 1],
 * emitting `radiance` on the side of `edgeU × edgeV`.
 */
export type RectLight = {
  corner: Vec3;
  edgeU: Vec3;
  edgeV: Vec3;
  radiance: Rgb;
};

/** Light arriving from infinitely far away: the same in every direction, or a sky-to-ground gradient. */
export type Environment =
  { kind: "constant"; radiance: Rgb } | { kind: "gradient"; zenith: Rgb; horizon: Rgb; ground: Rgb };

/** A scene ready to build a BVH over. */
export type TriangleScene = {
  /** Nine numbers per triangle: the three vertices. */
  positions: Float64Array;
  /** Per triangle: index into `materials`. */
  materialIndex: Int32Array;
  /** Per triangle: index into `lights`, or −1 when it is not part of an area light. */
  lightIndex: Int32Array;
  /** Six numbers per triangle: the texture coordinates (u, v) of its three vertices. */
  uvs: Float64Array;
  materials: Material[];
  lights: RectLight[];
  environment: Environment;
};

/** Number of triangles in a scene. */
export function triangleCount(scene: TriangleScene): number {
  return scene.materialIndex.length;
}
