/**
 * A tiny procedural mesh builder for the demo furniture and the starter catalog: boxes,
 * cylinders/frustums and ellipsoids with proper normals and texture coordinates, grouped by
 * material, written as one glTF mesh with one primitive per material. Units are metres, y is up,
 * and a model stands on y = 0. Texture coordinates are metres along the surface (a box face's
 * two axes, a cylinder's circumference and height), so a texture tiles at the same scale on
 * every part; an ellipsoid's run 0–1 round and from top to bottom.
 */
import { Document, NodeIO, type Material } from "@gltf-transform/core";

export type Vec3 = [number, number, number];

export type MaterialSpec = {
  /** sRGB colour, `#rrggbb`. */
  color: string;
  roughness: number;
  metalness: number;
  /** Emissive strength (0–1) in the same colour, for lamp bulbs. */
  emissive?: number;
  doubleSided?: boolean;
  /** A base colour image (PNG), multiplied by `color`; its texture coordinates are metres (see above). */
  texture?: Uint8Array;
  /** Metres one repeat of `texture` covers along u and v (default 1 × 1). */
  textureMetres?: [number, number];
};

type Group = { spec: MaterialSpec; positions: number[]; normals: number[]; uvs: number[]; indices: number[] };
type Vec2 = [number, number];

/** Where a part sits: rotated (see `rotate`) about its own origin, then moved to `at`. */
export type Placement = { at: Vec3; rotation?: Vec3 };

export class MeshBuilder {
  private readonly groups = new Map<string, Group>();

  constructor(private readonly materials: Record<string, MaterialSpec>) {}

  /** An axis-aligned box of `size` centred on `at` (before rotation), flat-shaded. */
  box(material: string, size: Vec3, placement: Placement): this {
    const [hx, hy, hz] = size.map((s) => s / 2) as Vec3;
    const faces: Array<{ normal: Vec3; corners: Vec3[]; axes: [number, number] }> = [
      {
        normal: [1, 0, 0],
        axes: [2, 1],
        corners: [
          [hx, -hy, hz],
          [hx, -hy, -hz],
          [hx, hy, -hz],
          [hx, hy, hz],
        ],
      },
      {
        normal: [-1, 0, 0],
        axes: [2, 1],
        corners: [
          [-hx, -hy, -hz],
          [-hx, -hy, hz],
          [-hx, hy, hz],
          [-hx, hy, -hz],
        ],
      },
      {
        normal: [0, 1, 0],
        axes: [0, 2],
        corners: [
          [-hx, hy, hz],
          [hx, hy, hz],
          [hx, hy, -hz],
          [-hx, hy, -hz],
        ],
      },
      {
        normal: [0, -1, 0],
        axes: [0, 2],
        corners: [
          [-hx, -hy, -hz],
          [hx, -hy, -hz],
          [hx, -hy, hz],
          [-hx, -hy, hz],
        ],
      },
      {
        normal: [0, 0, 1],
        axes: [0, 1],
        corners: [
          [-hx, -hy, hz],
          [hx, -hy, hz],
          [hx, hy, hz],
          [-hx, hy, hz],
        ],
      },
      {
        normal: [0, 0, -1],
        axes: [0, 1],
        corners: [
          [hx, -hy, -hz],
          [-hx, -hy, -hz],
          [-hx, hy, -hz],
          [hx, hy, -hz],
        ],
      },
    ];
    const group = this.group(material);
    for (const face of faces) {
      const base = group.positions.length / 3;
      for (const corner of face.corners) {
        const [a, b] = face.axes;
        const uv: Vec2 = [corner[a]! + size[a]! / 2, size[b]! / 2 - corner[b]!];
        this.pushVertex(group, corner, face.normal, uv, placement);
      }
      group.indices.push(base, base + 1, base + 2, base, base + 2, base + 3);
    }
    return this;
  }

  /**
   * A vertical cylinder or frustum (different radii) of `height`, its base centred on `at`,
   * smooth-shaded sides, with caps unless `open`.
   */
  cylinder(
    material: string,
    dims: { radiusBottom: number; radiusTop: number; height: number; segments?: number; open?: boolean },
    placement: Placement,
  ): this {
    const segments = dims.segments ?? 16;
    const group = this.group(material);
    const slope = (dims.radiusBottom - dims.radiusTop) / dims.height;
    const base = group.positions.length / 3;
    const circumference = Math.PI * (dims.radiusBottom + dims.radiusTop);
    for (let i = 0; i <= segments; i++) {
      const angle = (i / segments) * Math.PI * 2;
      const cos = Math.cos(angle);
      const sin = Math.sin(angle);
      const normal = normalize([cos, slope, sin]);
      const u = (i / segments) * circumference;
      this.pushVertex(
        group,
        [cos * dims.radiusBottom, 0, sin * dims.radiusBottom],
        normal,
        [u, dims.height],
        placement,
      );
      this.pushVertex(group, [cos * dims.radiusTop, dims.height, sin * dims.radiusTop], normal, [u, 0], placement);
    }
    for (let i = 0; i < segments; i++) {
      const a = base + i * 2;
      group.indices.push(a, a + 1, a + 3, a, a + 3, a + 2);
    }
    if (!dims.open) {
      this.disc(group, dims.radiusTop, dims.height, 1, segments, placement);
      this.disc(group, dims.radiusBottom, 0, -1, segments, placement);
    }
    return this;
  }

  /** An ellipsoid with `radii` centred on `at`, smooth-shaded. */
  ellipsoid(material: string, radii: Vec3, placement: Placement, rings = 8, segments = 12): this {
    const group = this.group(material);
    const base = group.positions.length / 3;
    for (let ring = 0; ring <= rings; ring++) {
      const phi = (ring / rings) * Math.PI;
      for (let i = 0; i <= segments; i++) {
        const theta = (i / segments) * Math.PI * 2;
        const unit: Vec3 = [Math.sin(phi) * Math.cos(theta), Math.cos(phi), Math.sin(phi) * Math.sin(theta)];
        const point: Vec3 = [unit[0] * radii[0], unit[1] * radii[1], unit[2] * radii[2]];
        // An ellipsoid's normal is the unit-sphere normal scaled by the inverse radii.
        const normal = normalize([unit[0] / radii[0], unit[1] / radii[1], unit[2] / radii[2]]);
        this.pushVertex(group, point, normal, [i / segments, ring / rings], placement);
      }
    }
    const row = segments + 1;
    for (let ring = 0; ring < rings; ring++) {
      for (let i = 0; i < segments; i++) {
        const a = base + ring * row + i;
        const b = a + row;
        if (ring !== 0) group.indices.push(a, a + 1, b);
        if (ring !== rings - 1) group.indices.push(a + 1, b + 1, b);
      }
    }
    return this;
  }

  /** Triangles so far, over all materials. */
  get triangleCount(): number {
    let count = 0;
    for (const group of this.groups.values()) count += group.indices.length / 3;
    return count;
  }

  /** A glTF document with one node and one mesh holding a primitive per material. */
  toDocument(name: string, generator = "Markspace demo world"): Document {
    const doc = new Document();
    doc.getRoot().getAsset().generator = generator;
    const buffer = doc.createBuffer();
    const mesh = doc.createMesh(name);
    for (const [materialName, group] of this.groups) {
      const material = this.createMaterial(doc, materialName, group.spec);
      const position = doc
        .createAccessor(`${materialName}-position`)
        .setType("VEC3")
        .setArray(new Float32Array(group.positions))
        .setBuffer(buffer);
      const normal = doc
        .createAccessor(`${materialName}-normal`)
        .setType("VEC3")
        .setArray(new Float32Array(group.normals))
        .setBuffer(buffer);
      const uv = doc
        .createAccessor(`${materialName}-uv`)
        .setType("VEC2")
        .setArray(scaleUvs(group.uvs, group.spec.textureMetres))
        .setBuffer(buffer);
      const indices = doc
        .createAccessor(`${materialName}-indices`)
        .setType("SCALAR")
        .setArray(new Uint16Array(group.indices))
        .setBuffer(buffer);
      mesh.addPrimitive(
        doc
          .createPrimitive()
          .setAttribute("POSITION", position)
          .setAttribute("NORMAL", normal)
          .setAttribute("TEXCOORD_0", uv)
          .setIndices(indices)
          .setMaterial(material),
      );
    }
    const node = doc.createNode(name).setMesh(mesh);
    doc.createScene(name).addChild(node);
    doc.getRoot().setDefaultScene(doc.getRoot().listScenes()[0] ?? null);
    return doc;
  }

  /** The model as binary glTF (GLB) bytes. */
  async toGlb(name: string, generator?: string): Promise<Uint8Array> {
    return new NodeIO().writeBinary(this.toDocument(name, generator));
  }

  private createMaterial(doc: Document, name: string, spec: MaterialSpec): Material {
    const [r, g, b] = srgbToLinear(spec.color);
    const material = doc
      .createMaterial(name)
      .setBaseColorFactor([r, g, b, 1])
      .setRoughnessFactor(spec.roughness)
      .setMetallicFactor(spec.metalness)
      .setDoubleSided(spec.doubleSided ?? false);
    if (spec.emissive) material.setEmissiveFactor([r * spec.emissive, g * spec.emissive, b * spec.emissive]);
    if (spec.texture) {
      const texture = doc.createTexture(`${name}-base-colour`).setImage(spec.texture).setMimeType("image/png");
      material.setBaseColorTexture(texture);
    }
    return material;
  }

  private group(material: string): Group {
    let group = this.groups.get(material);
    if (!group) {
      const spec = this.materials[material];
      if (!spec) throw new Error(`unknown material "${material}"`);
      group = { spec, positions: [], normals: [], uvs: [], indices: [] };
      this.groups.set(material, group);
    }
    if (group.positions.length / 3 > 60_000) throw new Error(`material "${material}" has too many vertices`);
    return group;
  }

  private disc(group: Group, radius: number, y: number, facing: 1 | -1, segments: number, placement: Placement) {
    const normal: Vec3 = [0, facing, 0];
    const centre = group.positions.length / 3;
    this.pushVertex(group, [0, y, 0], normal, [radius, radius], placement);
    for (let i = 0; i <= segments; i++) {
      const angle = (i / segments) * Math.PI * 2;
      const [x, z] = [Math.cos(angle) * radius, Math.sin(angle) * radius];
      this.pushVertex(group, [x, y, z], normal, [x + radius, z + radius], placement);
    }
    for (let i = 0; i < segments; i++) {
      if (facing === 1) group.indices.push(centre, centre + i + 2, centre + i + 1);
      else group.indices.push(centre, centre + i + 1, centre + i + 2);
    }
  }

  private pushVertex(group: Group, point: Vec3, normal: Vec3, uv: Vec2, placement: Placement) {
    const rotation = placement.rotation ?? [0, 0, 0];
    const p = rotate(point, rotation);
    const n = rotate(normal, rotation);
    group.positions.push(round(p[0] + placement.at[0]), round(p[1] + placement.at[1]), round(p[2] + placement.at[2]));
    group.normals.push(round(n[0]), round(n[1]), round(n[2]));
    group.uvs.push(round(uv[0]), round(uv[1]));
  }
}

/** Texture coordinates in metres → texture repeats, `metres` per repeat along u and v. */
function scaleUvs(uvs: number[], metres: [number, number] = [1, 1]): Float32Array<ArrayBuffer> {
  return new Float32Array(uvs.map((value, i) => round(value / metres[i % 2]!)));
}

/** Rotates by Euler angles in radians: tilt about Z, then about X, then turn about Y (heading last). */
function rotate(v: Vec3, [rx, ry, rz]: Vec3): Vec3 {
  let [x, y, z] = v;
  if (rz) [x, y] = [x * Math.cos(rz) - y * Math.sin(rz), x * Math.sin(rz) + y * Math.cos(rz)];
  if (rx) [y, z] = [y * Math.cos(rx) - z * Math.sin(rx), y * Math.sin(rx) + z * Math.cos(rx)];
  if (ry) [x, z] = [x * Math.cos(ry) + z * Math.sin(ry), -x * Math.sin(ry) + z * Math.cos(ry)];
  return [x, y, z];
}

function normalize([x, y, z]: Vec3): Vec3 {
  const length = Math.hypot(x, y, z) || 1;
  return [x / length, y / length, z / length];
}

/** Rounds away float noise so the same model always encodes to the same bytes. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** `#rrggbb` sRGB → linear RGB, which glTF's baseColorFactor expects. */
export function srgbToLinear(hex: string): Vec3 {
  const channel = (offset: number) => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return round(c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  };
  return [channel(1), channel(3), channel(5)];
}
