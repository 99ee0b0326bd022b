/**
 * The path tracer's estimator for one camera ray.
 *
 * At each surface: next-event estimation towards one area light picked uniformly (a point drawn
 * uniformly on its rectangle, one shadow ray), then a BSDF sample to continue the path. Area
 * lights reached both ways are combined with the power heuristic (MIS), so neither glossy
 * highlights nor small lights get noisy. The environment is reached only by BSDF samples (weight
 * 1: it is never light-sampled, which is unbiased, just noisier under a bright sky). Paths end at
 * `maxDepth` bounces (where light sampling alone counts), and from bounce 3 on by Russian roulette driven by the seeded generator.
 */
import { anyHit, closestHit, type Bvh, type Hit } from "./bvh.ts";
import { evalBsdf, sampleBsdf } from "./bsdf.ts";
import type { Rng } from "./rng.ts";
import type { Environment, Material, RectLight, TriangleScene } from "./scene.ts";
import { sampleTexture } from "./texture.ts";
import { triangleNormal } from "./triangle.ts";

/** Offset of a new ray's origin along the surface normal, in metres. */
const RAY_OFFSET = 1e-5;
const ROULETTE_FROM_DEPTH = 3;

/** A scene with its BVH and per-light constants: what `traceRadiance` reads. */
export type PreparedScene = {
  scene: TriangleScene;
  bvh: Bvh;
  /** Per light: area, then unit normal (4 numbers). */
  lightFrame: Float64Array;
};

/** Rays cast so far (camera, bounce and shadow rays). */
export type RayCounter = { rays: number };

/** Precomputes per-light area and normal. */
export function lightFrames(lights: readonly RectLight[]): Float64Array {
  const frame = new Float64Array(lights.length * 4);
  lights.forEach((light, i) => {
    const [ux, uy, uz] = light.edgeU;
    const [vx, vy, vz] = light.edgeV;
    const nx = uy * vz - uz * vy;
    const ny = uz * vx - ux * vz;
    const nz = ux * vy - uy * vx;
    const area = Math.sqrt(nx * nx + ny * ny + nz * nz);
    frame[4 * i] = area;
    frame[4 * i + 1] = nx / area;
    frame[4 * i + 2] = ny / area;
    frame[4 * i + 3] = nz / area;
  });
  return frame;
}

/** Radiance arriving from the environment along direction d. */
export function environmentRadiance(environment: Environment, dy: number, out: Float64Array): void {
  if (environment.kind === "constant") {
    out[0] = environment.radiance[0];
    out[1] = environment.radiance[1];
    out[2] = environment.radiance[2];
    return;
  }
  const to = dy >= 0 ? environment.zenith : environment.ground;
  const t = dy >= 0 ? dy : -dy;
  const from = environment.horizon;
  out[0] = from[0] + (to[0] - from[0]) * t;
  out[1] = from[1] + (to[1] - from[1]) * t;
  out[2] = from[2] + (to[2] - from[2]) * t;
}

// Scratch space of the single-threaded hot path (one per worker thread).
const hit: Hit = { t: 0, tri: -1 };
const normal = new Float64Array(3);
const f = new Float64Array(3);
const wi = new Float64Array(3);
const env = new Float64Array(3);
const texel = new Float64Array(3);
const texturedAlbedo: [number, number, number] = [0, 0, 0];
/** The material of a textured hit: albedo × texel, the rest copied (same shape as scene materials). */
const textured: Material = { albedo: texturedAlbedo, specular: 0, roughness: 1, emission: [0, 0, 0], texture: null };

/**
 * Fills `textured` for a hit at (px, py, pz) on triangle `tri`: barycentric coordinates of the point
 * (projected on the triangle's plane), the interpolated texture coordinates, one bilinear lookup.
 */
function shadeTextured(
  scene: TriangleScene,
  material: Material,
  tri: number,
  px: number,
  py: number,
  pz: number,
): Material {
  const positions = scene.positions;
  const p = 9 * tri;
  const ax = positions[p] as number;
  const ay = positions[p + 1] as number;
  const az = positions[p + 2] as number;
  const e1x = (positions[p + 3] as number) - ax;
  const e1y = (positions[p + 4] as number) - ay;
  const e1z = (positions[p + 5] as number) - az;
  const e2x = (positions[p + 6] as number) - ax;
  const e2y = (positions[p + 7] as number) - ay;
  const e2z = (positions[p + 8] as number) - az;
  const wx = px - ax;
  const wy = py - ay;
  const wz = pz - az;
  const d00 = e1x * e1x + e1y * e1y + e1z * e1z;
  const d01 = e1x * e2x + e1y * e2y + e1z * e2z;
  const d11 = e2x * e2x + e2y * e2y + e2z * e2z;
  const d20 = wx * e1x + wy * e1y + wz * e1z;
  const d21 = wx * e2x + wy * e2y + wz * e2z;
  const inv = 1 / (d00 * d11 - d01 * d01);
  const b1 = (d11 * d20 - d01 * d21) * inv;
  const b2 = (d00 * d21 - d01 * d20) * inv;
  const b0 = 1 - b1 - b2;
  const uvs = scene.uvs;
  const q = 6 * tri;
  const u = (uvs[q] as number) * b0 + (uvs[q + 2] as number) * b1 + (uvs[q + 4] as number) * b2;
  const v = (uvs[q + 1] as number) * b0 + (uvs[q + 3] as number) * b1 + (uvs[q + 5] as number) * b2;
  sampleTexture(material.texture!, u, v, texel);
  const albedo = material.albedo;
  texturedAlbedo[0] = albedo[0] * (texel[0] as number);
  texturedAlbedo[1] = albedo[1] * (texel[1] as number);
  texturedAlbedo[2] = albedo[2] * (texel[2] as number);
  textured.specular = material.specular;
  textured.roughness = material.roughness;
  return textured;
}

/**
 * Adds the radiance arriving along `o + t·d` (d a unit vector) to `out[0..2]`, drawing random
 * numbers from `rng` in a fixed order.
 */
export function traceRadiance(
  prepared: PreparedScene,
  ox: number,
  oy: number,
  oz: number,
  dx: number,
  dy: number,
  dz: number,
  rng: Rng,
  maxDepth: number,
  counter: RayCounter,
  out: Float64Array,
): void {
  const { scene, bvh, lightFrame } = prepared;
  const lightCount = scene.lights.length;
  let tr = 1;
  let tg = 1;
  let tb = 1;
  let lastPdf = 0; // pdf of the BSDF sample that started this segment; 0 for the camera ray
  for (let depth = 0; depth <= maxDepth; depth++) {
    counter.rays++;
    closestHit(bvh, ox, oy, oz, dx, dy, dz, Infinity, hit);
    if (hit.tri < 0) {
      environmentRadiance(scene.environment, dy, env);
      out[0] = (out[0] as number) + tr * (env[0] as number);
      out[1] = (out[1] as number) + tg * (env[1] as number);
      out[2] = (out[2] as number) + tb * (env[2] as number);
      return;
    }
    let material = scene.materials[scene.materialIndex[hit.tri] as number]!;
    triangleNormal(scene.positions, hit.tri, normal);
    let nx = normal[0] as number;
    let ny = normal[1] as number;
    let nz = normal[2] as number;
    const facing = nx * dx + ny * dy + nz * dz;
    const px = ox + hit.t * dx;
    const py = oy + hit.t * dy;
    const pz = oz + hit.t * dz;

    const light = scene.lightIndex[hit.tri] as number;
    if (light >= 0 || material.emission[0] > 0 || material.emission[1] > 0 || material.emission[2] > 0) {
      // Emitters are one-sided and do not reflect.
      if (facing < 0) {
        let weight = 1;
        if (lastPdf > 0 && light >= 0) {
          const area = lightFrame[4 * light] as number;
          const lightPdf = (hit.t * hit.t) / (-facing * area * lightCount);
          weight = (lastPdf * lastPdf) / (lastPdf * lastPdf + lightPdf * lightPdf);
        }
        const emission = material.emission; // indexed, not destructured: no iterator in the hot path
        out[0] = (out[0] as number) + tr * emission[0] * weight;
        out[1] = (out[1] as number) + tg * emission[1] * weight;
        out[2] = (out[2] as number) + tb * emission[2] * weight;
      }
      return;
    }
    if (material.texture) material = shadeTextured(scene, material, hit.tri, px, py, pz);
    if (facing > 0) {
      nx = -nx;
      ny = -ny;
      nz = -nz;
    }
    const wox = -dx;
    const woy = -dy;
    const woz = -dz;
    const sx = px + nx * RAY_OFFSET;
    const sy = py + ny * RAY_OFFSET;
    const sz = pz + nz * RAY_OFFSET;

    // Next-event estimation: one point on one light.
    const uLight = rng.nextFloat();
    const uS = rng.nextFloat();
    const uT = rng.nextFloat();
    if (lightCount > 0) {
      const li = Math.min(lightCount - 1, Math.floor(uLight * lightCount));
      const l = scene.lights[li]!;
      const lx = l.corner[0] + uS * l.edgeU[0] + uT * l.edgeV[0] - sx;
      const ly = l.corner[1] + uS * l.edgeU[1] + uT * l.edgeV[1] - sy;
      const lz = l.corner[2] + uS * l.edgeU[2] + uT * l.edgeV[2] - sz;
      const dist2 = lx * lx + ly * ly + lz * lz;
      const dist = Math.sqrt(dist2);
      const wx = lx / dist;
      const wy = ly / dist;
      const wz = lz / dist;
      const cosL = -(
        (lightFrame[4 * li + 1] as number) * wx +
        (lightFrame[4 * li + 2] as number) * wy +
        (lightFrame[4 * li + 3] as number) * wz
      );
      const cosS = nx * wx + ny * wy + nz * wz;
      if (cosL > 0 && cosS > 0) {
        const bsdfPdf = evalBsdf(material, nx, ny, nz, wox, woy, woz, wx, wy, wz, f);
        const lightPdf = dist2 / (cosL * (lightFrame[4 * li] as number) * lightCount);
        counter.rays++;
        if (bsdfPdf > 0 && !anyHit(bvh, sx, sy, sz, wx, wy, wz, dist * (1 - 1e-6))) {
          // On the last bounce no BSDF sample follows, so light sampling takes the whole weight.
          const weight = depth === maxDepth ? 1 : (lightPdf * lightPdf) / (lightPdf * lightPdf + bsdfPdf * bsdfPdf);
          const scale = (cosS * weight) / lightPdf;
          out[0] = (out[0] as number) + tr * (f[0] as number) * l.radiance[0] * scale;
          out[1] = (out[1] as number) + tg * (f[1] as number) * l.radiance[1] * scale;
          out[2] = (out[2] as number) + tb * (f[2] as number) * l.radiance[2] * scale;
        }
      }
    }

    // Continue the path with a BSDF sample.
    if (depth === maxDepth) return;
    const uLobe = rng.nextFloat();
    const u1 = rng.nextFloat();
    const u2 = rng.nextFloat();
    const pdf = sampleBsdf(material, nx, ny, nz, wox, woy, woz, uLobe, u1, u2, wi, f);
    if (!(pdf > 0)) return;
    const wix = wi[0] as number;
    const wiy = wi[1] as number;
    const wiz = wi[2] as number;
    const cosI = nx * wix + ny * wiy + nz * wiz;
    tr *= ((f[0] as number) * cosI) / pdf;
    tg *= ((f[1] as number) * cosI) / pdf;
    tb *= ((f[2] as number) * cosI) / pdf;
    if (depth + 1 >= ROULETTE_FROM_DEPTH) {
      const survive = Math.min(0.95, Math.max(tr, tg, tb));
      if (rng.nextFloat() >= survive) return;
      tr /= survive;
      tg /= survive;
      tb /= survive;
    }
    ox = sx;
    oy = sy;
    oz = sz;
    dx = wix;
    dy = wiy;
    dz = wiz;
    lastPdf = pdf;
  }
}
