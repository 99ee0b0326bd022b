import { Euler, Matrix4, Quaternion, Vector3 } from "three";
import { describe, expect, it } from "vitest";
import { boxGlb, checkerPng } from "../testing/gltf-fixtures.ts";
import { parseModel, transformPoint } from "./gltf-model.ts";
import { placementMatrix } from "./manifest-scene.ts";
import { WRAP_REPEAT } from "./texture.ts";

const SQRT_HALF = Math.SQRT1_2;

describe("parseModel", () => {
  it("walks the node hierarchy as three.js composes it (parent translation × rotation, child scale)", async () => {
    const parent = {
      translation: [1, 2, 3] as [number, number, number],
      rotation: [0, SQRT_HALF, 0, SQRT_HALF] as [number, number, number, number],
    };
    const childScale: [number, number, number] = [2, 1, 0.5];
    const model = await parseModel(await boxGlb({ size: [1, 1, 1], parent, childScale }), "test-box");
    expect(model.materialIndex.length).toBe(12);
    const world = new Matrix4()
      .compose(new Vector3(...parent.translation), new Quaternion(...parent.rotation), new Vector3(1, 1, 1))
      .multiply(new Matrix4().makeScale(...childScale));
    // The first corner of the first face (+x) is (0.5, −0.5, 0.5) in the mesh.
    const expected = new Vector3(0.5, -0.5, 0.5).applyMatrix4(world);
    expect(model.positions[0]).toBeCloseTo(expected.x, 12);
    expect(model.positions[1]).toBeCloseTo(expected.y, 12);
    expect(model.positions[2]).toBeCloseTo(expected.z, 12);
  });

  it("maps pbrMetallicRoughness like manifestMaterial, and keeps the texture with its UVs", async () => {
    const png = checkerPng(2, 2, [255, 0, 0], [0, 0, 255]);
    const model = await parseModel(
      await boxGlb({
        baseColor: [0.5, 0.25, 1, 1],
        metallic: 0.5,
        roughness: 0.3,
        emissive: [0, 0, 0],
        texture: { bytes: png, mimeType: "image/png" },
      }),
      "test-textured",
    );
    expect(model.materials).toHaveLength(1);
    const [material] = model.materials;
    expect(material!.albedo).toEqual([0.25, 0.125, 0.5]);
    expect(material!.specular).toBeCloseTo(0.47, 12);
    expect(material!.roughness).toBeCloseTo(0.3, 6);
    expect(material!.texture).toMatchObject({ width: 4, height: 4, wrapS: WRAP_REPEAT, wrapT: WRAP_REPEAT });
    expect(Array.from(material!.texture!.rgb.subarray(0, 6))).toEqual([255, 0, 0, 255, 0, 0]);
    expect(Array.from(model.uvs.subarray(0, 6))).toEqual([0, 1, 1, 1, 1, 0]);
  });

  it("gives the glTF default material (white, metallic 1, roughness 1) to a primitive without one", async () => {
    const { Document, NodeIO } = await import("@gltf-transform/core");
    const document = new Document();
    const buffer = document.createBuffer();
    const position = document
      .createAccessor()
      .setType("VEC3")
      .setArray(new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0]))
      .setBuffer(buffer);
    const mesh = document.createMesh().addPrimitive(document.createPrimitive().setAttribute("POSITION", position));
    document.createScene().addChild(document.createNode().setMesh(mesh));
    const model = await parseModel(await new NodeIO().writeBinary(document), "test-default");
    expect(model.materials[0]).toMatchObject({ albedo: [0, 0, 0], specular: 0.9, roughness: 1, texture: null });
  });

  it("refuses bytes that are not a GLB, naming the model", async () => {
    await expect(parseModel(new TextEncoder().encode('{"asset":{}}'), "bafy-model")).rejects.toThrow(
      /Model bafy-model is not a binary glTF/,
    );
    const broken = (await boxGlb()).slice(0, 40);
    await expect(parseModel(broken, "bafy-broken")).rejects.toThrow(/Model bafy-broken could not be parsed/);
  });
});

describe("placementMatrix", () => {
  it("places like a three.js Object3D: position, Euler XYZ rotation, scale", () => {
    const object = {
      position: [1.5, 0, -2] as [number, number, number],
      rotation: [0.3, -1.1, 2.5] as [number, number, number],
      scale: [1, 2, 0.5] as [number, number, number],
    };
    const three = new Matrix4().compose(
      new Vector3(...object.position),
      new Quaternion().setFromEuler(new Euler(...object.rotation, "XYZ")),
      new Vector3(...object.scale),
    );
    const m = placementMatrix(object);
    const points: Array<[number, number, number]> = [
      [0, 0, 0],
      [1, 0, 0],
      [0.2, 0.7, -0.4],
    ];
    for (const point of points) {
      const expected = new Vector3(...point).applyMatrix4(three);
      const got = transformPoint(m, ...point);
      expect(got[0]).toBeCloseTo(expected.x, 12);
      expect(got[1]).toBeCloseTo(expected.y, 12);
      expect(got[2]).toBeCloseTo(expected.z, 12);
    }
  });
});
