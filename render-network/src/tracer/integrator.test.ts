import { describe, expect, it } from "vitest";
import { prepareScene, renderTile, type ImageSpec } from "./render-tile.ts";
import { diffuse, glossy, SceneBuilder } from "./scene-builder.ts";
import type { Material } from "./scene.ts";

/** Mean radiance of a sphere of `material` in a uniform environment of radiance 1, filling the view. */
function furnaceMean(material: Material, samplesPerPixel: number): number {
  const scene = new SceneBuilder()
    .sphere([0, 0, 0], 1, material, 48, 96)
    .setEnvironment({ kind: "constant", radiance: [1, 1, 1] })
    .build();
  const spec: ImageSpec = {
    camera: { kind: "pinhole", position: [0, 0, 3], target: [0, 0, 0], verticalFovDegrees: 10 },
    width: 8,
    height: 8,
    samplesPerPixel,
    maxDepth: 8,
    seed: 1,
    view: 0,
  };
  const { pixels } = renderTile(prepareScene(scene), spec, { x: 0, y: 0, width: 8, height: 8 });
  return pixels.reduce((sum, value) => sum + value, 0) / pixels.length;
}

/** A sphere of the given grey albedo inside a uniform environment of radiance 1, seen up close. */
function furnace(albedo: number): { pixels: Float64Array } {
  const scene = new SceneBuilder()
    .sphere([0, 0, 0], 1, diffuse([albedo, albedo, albedo]), 24, 48)
    .setEnvironment({ kind: "constant", radiance: [1, 1, 1] })
    .build();
  const spec: ImageSpec = {
    camera: { kind: "pinhole", position: [0, 0, 3], target: [0, 0, 0], verticalFovDegrees: 30 },
    width: 16,
    height: 16,
    samplesPerPixel: 8,
    maxDepth: 8,
    seed: 5,
    view: 0,
  };
  return renderTile(prepareScene(scene), spec, { x: 0, y: 0, width: 16, height: 16 });
}

describe("traceRadiance", () => {
  it("returns the environment's radiance from a white sphere in a white furnace (energy is conserved)", () => {
    const { pixels } = furnace(1);
    for (const value of pixels) expect(value).toBeCloseTo(1, 12);
  });

  it("returns albedo × radiance from a grey sphere in the furnace", () => {
    const { pixels } = furnace(0.5);
    // Pixels that see only the sphere return 0.5; pixels on its outline mix in the environment's 1.
    for (const value of pixels) expect(value >= 0.5 - 1e-12 && value <= 1 + 1e-12).toBe(true);
    const centre = 3 * (8 * 16 + 8);
    expect(pixels[centre]).toBeCloseTo(0.5, 12);
  });

  it("never creates energy with the GGX lobe, and loses little of it while the surface is smooth", () => {
    // Single-scattering GGX loses energy as roughness grows (a rough metal reflects ≈ 0.3 of the
    // furnace at roughness 1): the Kulla–Conty multiple-scattering term is not modelled yet.
    expect(furnaceMean(glossy([0, 0, 0], 1, 0.05), 64)).toBeCloseTo(1, 3);
    const metal = furnaceMean(glossy([0, 0, 0], 1, 0.3), 128);
    expect(metal).toBeGreaterThan(0.97);
    expect(metal).toBeLessThan(1.005);
    const varnish = furnaceMean(glossy([1, 1, 1], 0.04, 0.3), 128);
    expect(varnish).toBeGreaterThan(0.97);
    expect(varnish).toBeLessThan(1.01);
  });

  it.each([
    ["light sampling alone (maxDepth 0)", 0],
    ["light and BSDF sampling combined by MIS (maxDepth 1)", 1],
  ])("lights a floor from a rectangular light as the analytic irradiance predicts: %s", (_, maxDepth) => {
    // A 1 × 1 m light of radiance 1 at height 1 over the camera's target; a white floor (albedo 1):
    // the radiance leaving the floor below the light's centre is E/π, with E the irradiance of the square.
    const scene = new SceneBuilder()
      .quad([-50, 0, -50], [0, 0, 100], [100, 0, 0], diffuse([1, 1, 1]))
      .rectLight({ corner: [-0.5, 1, -0.5], edgeU: [1, 0, 0], edgeV: [0, 0, 1], radiance: [1, 1, 1] })
      .build();
    const spec: ImageSpec = {
      camera: { kind: "pinhole", position: [0, 0.5, 0.001], target: [0, 0, 0], verticalFovDegrees: 0.5 },
      width: 1,
      height: 1,
      samplesPerPixel: 20_000,
      maxDepth,
      seed: 1,
      view: 0,
    };
    const { pixels } = renderTile(prepareScene(scene), spec, { x: 0, y: 0, width: 1, height: 1 });
    // Irradiance at distance h = 1 below the centre of a square of side a = 1 (Lambert's formula for a
    // rectangle, split in four quadrants of 0.5 × 0.5): E = 4 · (1/2)·(x/√(1+x²)·atan(y/√(1+x²)) + …).
    const quadrant = (x: number, y: number) => {
      const sx = Math.sqrt(1 + x * x);
      const sy = Math.sqrt(1 + y * y);
      return ((x / sx) * Math.atan(y / sx) + (y / sy) * Math.atan(x / sy)) / 2;
    };
    const expected = (4 * quadrant(0.5, 0.5)) / Math.PI;
    expect(pixels[0]).toBeCloseTo(expected, 2);
  });
});
