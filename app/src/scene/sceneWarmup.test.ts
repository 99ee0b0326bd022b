import {
  BoxGeometry,
  DataTexture,
  Group,
  Mesh,
  MeshBasicMaterial,
  MeshStandardMaterial,
  PerspectiveCamera,
  Scene,
  ShaderMaterial,
} from "three";
import { describe, expect, it } from "vitest";
import type { WebGLRenderer } from "three";
import { drawEverything, texturesOf } from "./sceneWarmup.ts";

const texture = () => new DataTexture(new Uint8Array(4), 1, 1);

describe("texturesOf", () => {
  it("finds the maps of every material below the root, shared ones once", () => {
    const scene = new Scene();
    const albedo = texture();
    const normal = texture();
    const shared = texture();
    const geometry = new BoxGeometry();
    scene.add(new Mesh(geometry, new MeshStandardMaterial({ map: albedo, normalMap: normal })));
    const child = new Mesh(geometry, [new MeshBasicMaterial({ map: shared }), new MeshBasicMaterial({ map: shared })]);
    scene.children[0]!.add(child);
    scene.add(new Mesh(geometry, new MeshBasicMaterial()));
    expect(texturesOf(scene)).toEqual(new Set([albedo, normal, shared]));
  });

  it("finds textures in a shader material's uniforms", () => {
    const sky = texture();
    const scene = new Scene().add(
      new Mesh(new BoxGeometry(), new ShaderMaterial({ uniforms: { sky: { value: sky }, strength: { value: 1 } } })),
    );
    expect([...texturesOf(scene)]).toEqual([sky]);
  });

  it("finds nothing in a scene without textured materials", () => {
    expect(texturesOf(new Scene().add(new Mesh(new BoxGeometry(), new MeshStandardMaterial()))).size).toBe(0);
  });
});

describe("drawEverything", () => {
  const sceneWithCulling = () => {
    const scene = new Scene();
    const culled = new Mesh(new BoxGeometry(), new MeshBasicMaterial());
    const alwaysDrawn = new Mesh(new BoxGeometry(), new MeshBasicMaterial());
    alwaysDrawn.frustumCulled = false;
    scene.add(new Group().add(culled), alwaysDrawn);
    return { scene, culled, alwaysDrawn };
  };

  it("draws once with culling off everywhere, then restores each object's own setting", () => {
    const { scene, culled, alwaysDrawn } = sceneWithCulling();
    const seen: boolean[][] = [];
    const renderer = {
      render: (drawn: Scene) => {
        const flags: boolean[] = [];
        drawn.traverse((object) => flags.push(object.frustumCulled));
        seen.push(flags);
      },
    } as unknown as WebGLRenderer;
    drawEverything(renderer, scene, new PerspectiveCamera());
    expect(seen).toEqual([[false, false, false, false]]);
    expect([scene.frustumCulled, culled.frustumCulled, alwaysDrawn.frustumCulled]).toEqual([true, true, false]);
  });

  it("restores culling when drawing throws (a lost context)", () => {
    const { scene, culled } = sceneWithCulling();
    const renderer = {
      render: () => {
        throw new Error("context lost");
      },
    } as unknown as WebGLRenderer;
    expect(() => drawEverything(renderer, scene, new PerspectiveCamera())).toThrow("context lost");
    expect(culled.frustumCulled).toBe(true);
  });
});
