/**
 * The surface model: a Lambert base scaled by (1 − specular) plus a GGX microfacet lobe with
 * Schlick Fresnel (F0 = `specular`) and separable Smith shadowing. Sampling picks a lobe with a
 * fixed probability and returns the pdf of the whole mixture, so the estimator is unbiased and
 * MIS can weigh it against light sampling. Directions are unit vectors in world space; `n` is
 * the shading normal turned towards the viewer (`wo`). Hot path: scalars and caller-owned
 * scratch arrays, no allocation.
 */
import { cos, sin } from "./detmath.ts";
import type { Material } from "./scene.ts";

const INV_PI = 0.3183098861837907;
const TWO_PI = 6.283185307179586;

/** GGX α from perceptual roughness, kept away from 0 so the lobe stays a function. */
function alphaOf(material: Material): number {
  const r = material.roughness < 0.03 ? 0.03 : material.roughness;
  return r * r;
}

/** Probability of sampling the GGX lobe rather than the Lambert one. */
export function specularProbability(material: Material): number {
  return material.specular > 0 ? 0.5 + 0.5 * material.specular : 0;
}

function ggxD(alpha2: number, cosH: number): number {
  const k = cosH * cosH * (alpha2 - 1) + 1;
  return alpha2 / (3.141592653589793 * k * k);
}

function smithG1(alpha2: number, cosV: number): number {
  return (2 * cosV) / (cosV + Math.sqrt(alpha2 + (1 - alpha2) * cosV * cosV));
}

/**
 * Evaluates f(wo, wi) into `f[0..2]` and returns the sampling pdf of wi (solid angle), 0 when wi
 * is below the surface.
 */
export function evalBsdf(
  material: Material,
  nx: number,
  ny: number,
  nz: number,
  wox: number,
  woy: number,
  woz: number,
  wix: number,
  wiy: number,
  wiz: number,
  f: Float64Array,
): number {
  const cosI = nx * wix + ny * wiy + nz * wiz;
  const cosO = nx * wox + ny * woy + nz * woz;
  if (cosI <= 0 || cosO <= 0) {
    f[0] = f[1] = f[2] = 0;
    return 0;
  }
  const pSpec = specularProbability(material);
  const kd = (1 - material.specular) * INV_PI;
  let spec = 0;
  let pdf = (1 - pSpec) * cosI * INV_PI;
  if (material.specular > 0) {
    let hx = wox + wix;
    let hy = woy + wiy;
    let hz = woz + wiz;
    const hl = 1 / Math.sqrt(hx * hx + hy * hy + hz * hz);
    hx *= hl;
    hy *= hl;
    hz *= hl;
    const cosH = nx * hx + ny * hy + nz * hz;
    const vDotH = wox * hx + woy * hy + woz * hz;
    const alpha = alphaOf(material);
    const alpha2 = alpha * alpha;
    const d = ggxD(alpha2, cosH);
    const m = 1 - vDotH;
    const m2 = m * m;
    const fresnel = material.specular + (1 - material.specular) * m2 * m2 * m;
    spec = (d * smithG1(alpha2, cosO) * smithG1(alpha2, cosI) * fresnel) / (4 * cosO * cosI);
    pdf += (pSpec * d * cosH) / (4 * vDotH);
  }
  const albedo = material.albedo; // indexed, not destructured: no iterator in the hot path
  f[0] = albedo[0] * kd + spec;
  f[1] = albedo[1] * kd + spec;
  f[2] = albedo[2] * kd + spec;
  return pdf;
}

/**
 * Draws wi for the given wo from three uniform numbers, writes it into `wi[0..2]` and f into
 * `f[0..2]`, and returns the mixture pdf (0 when the sample falls below the surface).
 */
export function sampleBsdf(
  material: Material,
  nx: number,
  ny: number,
  nz: number,
  wox: number,
  woy: number,
  woz: number,
  uLobe: number,
  u1: number,
  u2: number,
  wi: Float64Array,
  f: Float64Array,
): number {
  // Orthonormal basis around n (Duff et al. 2017): only + − × ÷.
  const sign = nz >= 0 ? 1 : -1;
  const a = -1 / (sign + nz);
  const b = nx * ny * a;
  const tx = 1 + sign * nx * nx * a;
  const ty = sign * b;
  const tz = -sign * nx;
  const bx = b;
  const by = sign + ny * ny * a;
  const bz = -ny;
  const phi = TWO_PI * u2;
  const cp = cos(phi);
  const sp = sin(phi);
  if (uLobe < specularProbability(material)) {
    // Sample a GGX half vector, reflect wo about it.
    const alpha = alphaOf(material);
    const cosH = Math.sqrt((1 - u1) / (1 + (alpha * alpha - 1) * u1));
    const sinH = Math.sqrt(Math.max(0, 1 - cosH * cosH));
    const hx = tx * sinH * cp + bx * sinH * sp + nx * cosH;
    const hy = ty * sinH * cp + by * sinH * sp + ny * cosH;
    const hz = tz * sinH * cp + bz * sinH * sp + nz * cosH;
    const vDotH = wox * hx + woy * hy + woz * hz;
    wi[0] = 2 * vDotH * hx - wox;
    wi[1] = 2 * vDotH * hy - woy;
    wi[2] = 2 * vDotH * hz - woz;
  } else {
    // Cosine-weighted hemisphere.
    const r = Math.sqrt(u1);
    const z = Math.sqrt(Math.max(0, 1 - u1));
    wi[0] = tx * r * cp + bx * r * sp + nx * z;
    wi[1] = ty * r * cp + by * r * sp + ny * z;
    wi[2] = tz * r * cp + bz * r * sp + nz * z;
  }
  return evalBsdf(material, nx, ny, nz, wox, woy, woz, wi[0] as number, wi[1] as number, wi[2] as number, f);
}
