import { inflateSync, crc32 } from "node:zlib";
import { NodeIO } from "@gltf-transform/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublishedCatalog } from "../catalog/catalog.ts";
import { fetchVerified, fetchVerifiedJson, MAX_SINGLE_BLOCK_BYTES } from "../client.ts";
import { parseSceneManifest } from "../manifest.ts";
import type { IpfsNode } from "../node.ts";
import { makeTempDir, startTestNode } from "../testing.ts";
import { DEMO_ARTWORKS, renderArtwork } from "./artworks.ts";
import { DEMO_MODELS } from "./models.ts";
import { MAX_DEMO_IMAGE_BYTES, publishDemoWorld, type PublishedScene } from "./publish.ts";
import { DEMO_DESIGN_COUNT } from "./scenes.ts";

/** Reads a PNG the long way: chunks, CRCs, IHDR, and the inflated scanlines' size and filters. */
function decodePng(bytes: Uint8Array) {
  const buffer = Buffer.from(bytes);
  expect([...buffer.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: Array<{ type: string; data: Buffer }> = [];
  for (let offset = 8; offset < buffer.length;) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString("ascii", offset + 4, offset + 8);
    const data = buffer.subarray(offset + 8, offset + 8 + length);
    expect(buffer.readUInt32BE(offset + 8 + length)).toBe(crc32(buffer.subarray(offset + 4, offset + 8 + length)));
    chunks.push({ type, data });
    offset += 12 + length;
  }
  expect(chunks[0]?.type).toBe("IHDR");
  expect(chunks.at(-1)?.type).toBe("IEND");
  const ihdr = chunks[0]!.data;
  const header = {
    width: ihdr.readUInt32BE(0),
    height: ihdr.readUInt32BE(4),
    bitDepth: ihdr[8],
    colourType: ihdr[9],
    interlace: ihdr[12],
  };
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === "IDAT").map((c) => c.data)));
  const stride = header.width * 3 + 1;
  const filters = new Set<number>();
  for (let row = 0; row < header.height; row++) filters.add(raw[row * stride]!);
  return { ...header, rawLength: raw.length, stride, filters };
}

describe("demo models", () => {
  const io = new NodeIO();
  for (const model of DEMO_MODELS) {
    it(`${model.name} is a GLB with lit, shaded meshes`, async () => {
      const glb = await model.build().toGlb(model.name);
      expect(glb.length).toBeLessThanOrEqual(MAX_SINGLE_BLOCK_BYTES);
      const doc = await io.readBinary(glb);
      const meshes = doc.getRoot().listMeshes();
      expect(meshes.length).toBeGreaterThan(0);
      let triangles = 0;
      for (const primitive of meshes.flatMap((mesh) => mesh.listPrimitives())) {
        const position = primitive.getAttribute("POSITION");
        const normal = primitive.getAttribute("NORMAL");
        expect(position?.getCount()).toBe(normal?.getCount());
        // Normals are unit length.
        const n = normal!.getArray()!;
        for (let i = 0; i < n.length; i += 3) expect(Math.hypot(n[i]!, n[i + 1]!, n[i + 2]!)).toBeCloseTo(1, 4);
        expect(primitive.getMaterial()?.getRoughnessFactor()).toBeGreaterThan(0);
        // Triangles wind counter-clockwise seen from outside (their normal agrees with the
        // vertex normals), or renderers that cull back faces would show the inside.
        const p = position!.getArray()!;
        const index = primitive.getIndices()!.getArray()!;
        for (let t = 0; t < index.length; t += 3) {
          const [a, b, c] = [index[t]! * 3, index[t + 1]! * 3, index[t + 2]! * 3];
          const u = [p[b]! - p[a]!, p[b + 1]! - p[a + 1]!, p[b + 2]! - p[a + 2]!];
          const v = [p[c]! - p[a]!, p[c + 1]! - p[a + 1]!, p[c + 2]! - p[a + 2]!];
          const face = [u[1]! * v[2]! - u[2]! * v[1]!, u[2]! * v[0]! - u[0]! * v[2]!, u[0]! * v[1]! - u[1]! * v[0]!];
          const along =
            face[0]! * (n[a]! + n[b]! + n[c]!) +
            face[1]! * (n[a + 1]! + n[b + 1]! + n[c + 1]!) +
            face[2]! * (n[a + 2]! + n[b + 2]! + n[c + 2]!);
          expect(along, `${model.name} triangle ${t / 3}`).toBeGreaterThanOrEqual(0);
        }
        triangles += primitive.getIndices()!.getCount() / 3;
      }
      expect(triangles).toBeGreaterThanOrEqual(100);
      expect(triangles).toBeLessThanOrEqual(1000);
      // It stands on the floor, within a person-sized footprint.
      const min = [Infinity, Infinity, Infinity];
      const max = [-Infinity, -Infinity, -Infinity];
      for (const primitive of meshes.flatMap((mesh) => mesh.listPrimitives())) {
        const p = primitive.getAttribute("POSITION")!.getArray()!;
        for (let i = 0; i < p.length; i++) {
          min[i % 3] = Math.min(min[i % 3]!, p[i]!);
          max[i % 3] = Math.max(max[i % 3]!, p[i]!);
        }
      }
      expect(min[1]).toBeCloseTo(0, 3);
      expect(max[1]).toBeGreaterThan(0.3);
      expect(max[1]).toBeLessThan(2.2);
      expect(max[0]! - min[0]!).toBeLessThan(2.5);
    });
  }

  it("encode to the same bytes every time", async () => {
    const model = DEMO_MODELS[0]!;
    expect(await model.build().toGlb(model.name)).toEqual(await model.build().toGlb(model.name));
  });
});

describe("demo artworks", () => {
  for (const artwork of DEMO_ARTWORKS) {
    it(`${artwork.name} is a valid ${artwork.width}×${artwork.height} RGB PNG under 256 KiB`, () => {
      const png = renderArtwork(artwork);
      expect(png.length).toBeLessThanOrEqual(MAX_DEMO_IMAGE_BYTES);
      const decoded = decodePng(png);
      expect(decoded).toMatchObject({ width: artwork.width, height: artwork.height, bitDepth: 8, colourType: 2 });
      expect(decoded.interlace).toBe(0);
      expect(decoded.rawLength).toBe(decoded.stride * artwork.height);
      for (const filter of decoded.filters) expect([0, 1]).toContain(filter);
    });
  }

  it("are not blank: several colours, none covering nine tenths of the picture", () => {
    for (const artwork of DEMO_ARTWORKS) {
      const { pixels } = artwork.draw();
      const counts = new Map<number, number>();
      for (let i = 0; i < pixels.length; i += 3) {
        const colour = (pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!;
        counts.set(colour, (counts.get(colour) ?? 0) + 1);
      }
      expect(counts.size, artwork.name).toBeGreaterThanOrEqual(3);
      expect(Math.max(...counts.values()), artwork.name).toBeLessThan(0.9 * (pixels.length / 3));
    }
  });

  it("are the same every time", () => {
    expect(renderArtwork(DEMO_ARTWORKS[1]!)).toEqual(renderArtwork(DEMO_ARTWORKS[1]!));
  });
});

describe("publishDemoWorld", () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let node: IpfsNode;
  let scenes: PublishedScene[];
  let catalog: PublishedCatalog | undefined;
  const progress: string[] = [];
  const count = DEMO_DESIGN_COUNT + 2; // past the last design, rounds come back mirrored
  beforeAll(async () => {
    dir = await makeTempDir();
    node = await startTestNode(dir.path);
    scenes = await publishDemoWorld(node.apiUrl, {
      count,
      onProgress: (line) => progress.push(line),
      onCatalog: (published) => (catalog = published),
    });
  });
  afterAll(async () => {
    await node.stop();
    await dir.remove();
  });

  it("returns one valid, distinct manifest per unit", () => {
    expect(scenes).toHaveLength(count);
    for (const scene of scenes) {
      expect(parseSceneManifest(scene.manifest)).toEqual(scene.manifest);
      expect(scene.name).toBe(scene.manifest.name);
      expect(scene.manifest.objects.length).toBeGreaterThan(0);
      expect(scene.manifest.images.length).toBeGreaterThan(0);
    }
    expect(new Set(scenes.map((scene) => scene.name)).size).toBe(count);
    expect(new Set(scenes.map((scene) => scene.manifestCid)).size).toBe(count);
  });

  it("keeps everything inside the 8 × 8 m room", () => {
    for (const { manifest } of scenes) {
      for (const object of manifest.objects) {
        expect(Math.abs(object.position[0]), object.name).toBeLessThanOrEqual(4);
        expect(Math.abs(object.position[2]), object.name).toBeLessThanOrEqual(4);
      }
      for (const image of manifest.images) {
        expect(Math.abs(image.offset[0]) + image.width / 2).toBeLessThanOrEqual(4);
        expect(image.offset[1] + image.height / 2).toBeLessThanOrEqual(manifest.room.height);
        expect(image.offset[1] - image.height / 2).toBeGreaterThan(0);
      }
    }
  });

  it("serves every manifest and asset it references, verifiably", async () => {
    const assets = new Set<string>();
    for (const scene of scenes) {
      const manifest = parseSceneManifest(
        await fetchVerifiedJson(node.gatewayUrl, scene.manifestCid, { maxBytes: 65536 }),
      );
      expect(manifest).toEqual(scene.manifest);
      for (const object of manifest.objects) assets.add(object.model);
      for (const image of manifest.images) assets.add(image.image);
    }
    expect(assets.size).toBe(DEMO_MODELS.length + DEMO_ARTWORKS.length);
    for (const cid of assets) {
      const bytes = await fetchVerified(node.gatewayUrl, cid, { maxBytes: MAX_SINGLE_BLOCK_BYTES });
      const type = (await fetch(`${node.gatewayUrl}/ipfs/${cid}`, { method: "HEAD" })).headers.get("content-type");
      expect(["model/gltf-binary", "image/png"]).toContain(type);
      expect(bytes.length).toBeGreaterThan(0);
    }
  });

  it("reports progress per file", () => {
    expect(progress.filter((line) => line.startsWith("model "))).toHaveLength(DEMO_MODELS.length);
    expect(progress.filter((line) => line.startsWith("image "))).toHaveLength(DEMO_ARTWORKS.length);
    expect(progress.filter((line) => line.startsWith("manifest "))).toHaveLength(count);
  });

  it("publishes the starter catalog with the demo world, its index served verified", async () => {
    expect(catalog?.index.items.length).toBeGreaterThanOrEqual(12);
    expect(progress).toContain(`catalog index (${catalog!.index.items.length} items) → ${catalog!.indexCid}`);
    const index = await fetchVerifiedJson(node.gatewayUrl, catalog!.indexCid, { maxBytes: 65536 });
    expect(index).toEqual(catalog!.index);
  });

  it("publishes the same CIDs again", async () => {
    const again = await publishDemoWorld(node.apiUrl, { count: 2, catalog: false });
    expect(again.map((scene) => scene.manifestCid)).toEqual(scenes.slice(0, 2).map((scene) => scene.manifestCid));
  });

  it("publishes nothing for count 0 and refuses a bad count", async () => {
    expect(await publishDemoWorld(node.apiUrl, { count: 0 })).toEqual([]);
    await expect(publishDemoWorld(node.apiUrl, { count: -1 })).rejects.toThrow(/count/);
  });
});
