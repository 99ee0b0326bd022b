import { EMPTY_ROOM, parseSceneManifest } from "@markspace/ipfs/manifest";
import { describe, expect, it } from "vitest";
import { buildBvh, closestHit } from "./bvh.ts";
import { boxGlb, checkerPng } from "../testing/gltf-fixtures.ts";
import { computeRawCid } from "@markspace/ipfs/client";
import { decodeImage } from "./image-decode.ts";
import {
  hexToLinear,
  loadManifestScene,
  manifestCamera,
  manifestScene,
  type ManifestAssets,
} from "./manifest-scene.ts";
import { parseModel } from "./gltf-model.ts";
import { prepareScene, renderTile } from "./render-tile.ts";
import { renderTileResult } from "./tile-result.ts";

const CID = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
const MODEL_CID = "bafkreie7ohywtosou76tasm7j63yigtzxe7d5zqus4zu3j6oltvgtibeom";
const PICTURE = checkerPng(4, 8, [230, 40, 40], [40, 40, 230]);
const ASSETS: ManifestAssets = { models: new Map(), images: new Map([[CID, decodeImage(PICTURE, CID)]]) };

const manifest = parseSceneManifest({
  ...EMPTY_ROOM,
  images: [
    { image: CID, wall: "north", offset: [1, 1.5], width: 1.2, height: 0.8 },
    { image: CID, wall: "east", offset: [-2, 1.4], width: 1, height: 1 },
  ],
});

describe("manifestScene", () => {
  const scene = manifestScene(manifest, ASSETS);
  const bvh = buildBvh(scene.positions);
  const canvas = scene.materials.findIndex((material) => material.texture);

  it("builds floor, ceiling, four walls, a frame and a picture per image and the ceiling light", () => {
    expect(scene.materialIndex.length).toBe(2 * (6 + 2 * 2 + 1));
    expect(scene.lights).toHaveLength(1);
  });

  it("hangs pictures where the app hangs them (north: right is +x; east: right is +z)", () => {
    const hitFromCentre = (x: number, y: number, z: number) => {
      const length = Math.sqrt(x * x + (y - 1.5) ** 2 + z * z);
      const hit = closestHit(bvh, 0, 1.5, 0, x / length, (y - 1.5) / length, z / length, Infinity, { t: 0, tri: -1 });
      return scene.materialIndex[hit.tri];
    };
    expect(hitFromCentre(1, 1.5, -4)).toBe(canvas); // north picture centre at x = +1
    expect(hitFromCentre(-1, 1.5, -4)).not.toBe(canvas);
    expect(hitFromCentre(4, 1.4, -2)).toBe(canvas); // east picture centre at z = −2
  });

  it("renders the arrival view with finite, lit pixels", () => {
    const spec = {
      camera: manifestCamera(manifest),
      width: 16,
      height: 12,
      samplesPerPixel: 2,
      maxDepth: 4,
      seed: 1,
      view: 0,
    };
    const { pixels } = renderTile(prepareScene(scene), spec, { x: 0, y: 0, width: 16, height: 12 });
    for (const value of pixels) expect(Number.isFinite(value) && value >= 0).toBe(true);
    expect(pixels.reduce((sum, value) => sum + value, 0) / pixels.length).toBeGreaterThan(0.01);
  });

  it("refuses to build without the manifest's assets, naming the CID", () => {
    expect(() => manifestScene(manifest)).toThrow(`The image ${CID} of picture 0 was not loaded`);
  });

  it("decodes sRGB colours to linear", () => {
    expect(hexToLinear("#000000")).toEqual([0, 0, 0]);
    expect(hexToLinear("#ffffff")[0]).toBeCloseTo(1, 12);
    expect(hexToLinear("#808080")[1]).toBeCloseTo(0.2158605, 6);
  });
});

describe("manifestScene with a glTF object", () => {
  const object = { name: "crate", model: MODEL_CID, position: [0.5, 0.5, -1] as [number, number, number] };
  const withObject = (position: [number, number, number]) =>
    parseSceneManifest({ ...EMPTY_ROOM, objects: [{ ...object, position }] });

  it("places the model's triangles where the app places it, with its material", async () => {
    const model = await parseModel(await boxGlb({ baseColor: [0.8, 0.1, 0.1, 1] }), MODEL_CID);
    const scene = manifestScene(withObject([0.5, 0.5, -1]), {
      models: new Map([[MODEL_CID, model]]),
      images: new Map(),
    });
    expect(scene.materialIndex.length).toBe(2 * (6 + 1) + 12);
    const bvh = buildBvh(scene.positions);
    const hit = closestHit(bvh, 0.5, 0.5, 2, 0, 0, -1, Infinity, { t: 0, tri: -1 });
    expect(hit.t).toBeCloseTo(2.5, 12); // the box's +z face at z = −0.5
    expect(scene.materials[scene.materialIndex[hit.tri]!]!.albedo[0]).toBeCloseTo(0.8, 6);
  });

  it("loads models and images through the caller's fetch, each CID once, and names a broken one", async () => {
    const glb = await boxGlb({ texture: { bytes: PICTURE, mimeType: "image/png" } });
    const modelCid = await computeRawCid(glb);
    const imageCid = await computeRawCid(PICTURE);
    const fetched: string[] = [];
    const store = new Map([
      [modelCid, glb],
      [imageCid, PICTURE],
    ]);
    const fetchAsset = async (cid: string) => {
      fetched.push(cid);
      return store.get(cid) ?? new Uint8Array([1, 2, 3]);
    };
    const loaded = parseSceneManifest({
      ...EMPTY_ROOM,
      objects: [
        { ...object, model: modelCid },
        { ...object, model: modelCid, position: [-1, 0.5, 0] },
      ],
      images: [{ image: imageCid, wall: "west", offset: [0, 1.5], width: 1, height: 1 }],
    });
    const scene = await loadManifestScene(loaded, fetchAsset);
    expect(fetched).toEqual([modelCid, imageCid]);
    expect(scene.materialIndex.length).toBe(2 * (6 + 2 + 1) + 24);
    await expect(
      loadManifestScene(parseSceneManifest({ ...EMPTY_ROOM, objects: [{ ...object, model: CID }] }), fetchAsset),
    ).rejects.toThrow(`Model ${CID} (object 0, "crate") is not a binary glTF 2.0 (GLB) file`);
  });

  it("renders a textured model and picture to the same hash twice, and differently when the object moves", async () => {
    const glb = await boxGlb({ texture: { bytes: PICTURE, mimeType: "image/png" } });
    const assets: ManifestAssets = {
      models: new Map([[MODEL_CID, await parseModel(glb, MODEL_CID)]]),
      images: new Map([[CID, decodeImage(PICTURE, CID)]]),
    };
    const render = (position: [number, number, number]) => {
      const m = parseSceneManifest({
        ...EMPTY_ROOM,
        objects: [{ ...object, position }],
        images: [{ image: CID, wall: "north", offset: [0, 1.5], width: 1.2, height: 0.8 }],
      });
      const spec = {
        camera: manifestCamera(m),
        width: 24,
        height: 16,
        samplesPerPixel: 2,
        maxDepth: 3,
        seed: 7,
        view: 0,
      };
      return renderTileResult(prepareScene(manifestScene(m, assets)), spec, { x: 0, y: 0, width: 24, height: 16 }).hash;
    };
    const first = render([0, 0.5, 0]);
    expect(render([0, 0.5, 0])).toBe(first);
    expect(render([1, 0.5, 0])).not.toBe(first);
  });
});
