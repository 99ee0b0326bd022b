/**
 * Builds a `TriangleScene` from shapes: quads, boxes, spheres and area lights. The order of calls
 * is the order of triangles, so the same calls always give the same scene (and the same BVH).
 */
import { cos, sin } from "./detmath.ts";
import type { Environment, Material, RectLight, Rgb, TriangleScene, Vec3 } from "./scene.ts";

const BLACK: Rgb = [0, 0, 0];
const NO_UV = [0, 0, 0, 0, 0, 0];
const PI = 3.141592653589793;

/** A Lambert material of the given albedo. */
export function diffuse(albedo: Rgb): Material {
  return { albedo, specular: 0, roughness: 1, emission: BLACK };
}

/** A Lambert base under a GGX coat with reflectance `specular` at normal incidence. */
export function glossy(albedo: Rgb, specular: number, roughness: number): Material {
  return { albedo, specular, roughness, emission: BLACK };
}

function add(a: Vec3, b: Vec3): Vec3 {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}

/** Collects triangles, materials and lights; `build` returns the typed-array scene. */
export class SceneBuilder {
  private readonly positions: number[] = [];
  private readonly materialIndex: number[] = [];
  private readonly lightIndex: number[] = [];
  private readonly uvs: number[] = [];
  private readonly materials: Material[] = [];
  private readonly lights: RectLight[] = [];
  private environment: Environment = { kind: "constant", radiance: BLACK };

  /** Registers a material and returns its index (materials are compared by identity). */
  material(material: Material): number {
    const existing = this.materials.indexOf(material);
    if (existing >= 0) return existing;
    this.materials.push(material);
    return this.materials.length - 1;
  }

  /** Adds one triangle (a, b, c), with texture coordinates `uv` (u, v of a, b, c; zeros by default). */
  triangle(a: Vec3, b: Vec3, c: Vec3, material: Material, light = -1, uv: ArrayLike<number> = NO_UV): this {
    this.positions.push(...a, ...b, ...c);
    this.materialIndex.push(this.material(material));
    this.lightIndex.push(light);
    for (let i = 0; i < 6; i++) this.uvs.push(uv[i] as number);
    return this;
  }

  /**
   * Adds the parallelogram `corner + s·u + t·v` as two triangles; its front faces `u × v`. Its
   * texture coordinates put the image's top-left corner at `corner + v` and its top row along `u`.
   */
  quad(corner: Vec3, u: Vec3, v: Vec3, material: Material, light = -1): this {
    const b = add(corner, u);
    const c = add(b, v);
    const d = add(corner, v);
    return this.triangle(corner, b, c, material, light, [0, 1, 1, 1, 1, 0]).triangle(
      corner,
      c,
      d,
      material,
      light,
      [0, 1, 1, 0, 0, 0],
    );
  }

  /** Adds an axis-aligned box between `min` and `max` with outward-facing sides. */
  box(min: Vec3, max: Vec3, material: Material): this {
    const [x0, y0, z0] = min;
    const [x1, y1, z1] = max;
    const dx = x1 - x0;
    const dy = y1 - y0;
    const dz = z1 - z0;
    return this.quad([x0, y0, z0], [0, 0, dz], [dx, 0, 0], material) // bottom (−y)
      .quad([x0, y1, z0], [dx, 0, 0], [0, 0, dz], material) // top (+y)
      .quad([x0, y0, z0], [dx, 0, 0], [0, dy, 0], material) // back (−z)
      .quad([x0, y0, z1], [0, dy, 0], [dx, 0, 0], material) // front (+z)
      .quad([x0, y0, z0], [0, dy, 0], [0, 0, dz], material) // left (−x)
      .quad([x1, y0, z0], [0, 0, dz], [0, dy, 0], material); // right (+x)
  }

  /** Adds a UV sphere of `rings` × `segments` quads (a convex polyhedron inscribed in the sphere). */
  sphere(center: Vec3, radius: number, material: Material, rings = 16, segments = 32): this {
    const point = (ring: number, segment: number): Vec3 => {
      const theta = (PI * ring) / rings;
      const phi = (2 * PI * segment) / segments;
      const r = radius * sin(theta);
      return [center[0] + r * cos(phi), center[1] + radius * cos(theta), center[2] - r * sin(phi)];
    };
    for (let ring = 0; ring < rings; ring++) {
      for (let segment = 0; segment < segments; segment++) {
        const a = point(ring, segment);
        const b = point(ring + 1, segment);
        const c = point(ring + 1, segment + 1);
        const d = point(ring, segment + 1);
        if (ring > 0) this.triangle(a, b, d, material);
        if (ring < rings - 1) this.triangle(b, c, d, material);
      }
    }
    return this;
  }

  /** Adds a rectangular area light; its two triangles are emissive and visible to the camera. */
  rectLight(light: RectLight): this {
    this.lights.push(light);
    const emitter: Material = { albedo: BLACK, specular: 0, roughness: 1, emission: light.radiance };
    return this.quad(light.corner, light.edgeU, light.edgeV, emitter, this.lights.length - 1);
  }

  /** Sets the environment light (black by default). */
  setEnvironment(environment: Environment): this {
    this.environment = environment;
    return this;
  }

  /** The scene so far, as typed arrays. */
  build(): TriangleScene {
    return {
      positions: Float64Array.from(this.positions),
      materialIndex: Int32Array.from(this.materialIndex),
      lightIndex: Int32Array.from(this.lightIndex),
      uvs: Float64Array.from(this.uvs),
      // One object shape for every material (texture always present), so the hot path's reads stay monomorphic.
      materials: this.materials.map(({ albedo, specular, roughness, emission, texture }) => ({
        albedo,
        specular,
        roughness,
        emission,
        texture: texture ?? null,
      })),
      lights: [...this.lights],
      environment: this.environment,
    };
  }
}
