/**
 * The demo world's furniture, modelled in code: each function builds one piece from boxes,
 * cylinders and ellipsoids with PBR materials. Dimensions are real-world metres; every model
 * stands on y = 0, centred on x = z = 0, its front facing +z.
 */
import { MeshBuilder, type MaterialSpec } from "./mesh.ts";

const OAK: MaterialSpec = { color: "#a9794b", roughness: 0.7, metalness: 0 };
const WALNUT: MaterialSpec = { color: "#5c3a21", roughness: 0.65, metalness: 0 };
const BRASS: MaterialSpec = { color: "#c9a54a", roughness: 0.35, metalness: 1 };
const STEEL: MaterialSpec = { color: "#2b2d30", roughness: 0.45, metalness: 0.9 };
const FABRIC: MaterialSpec = { color: "#3f6e8c", roughness: 0.95, metalness: 0 };
const CUSHION: MaterialSpec = { color: "#d9c7a7", roughness: 0.95, metalness: 0 };
const LINEN: MaterialSpec = { color: "#f2e6c9", roughness: 0.9, metalness: 0, doubleSided: true };
const BULB: MaterialSpec = { color: "#fff2c4", roughness: 0.2, metalness: 0, emissive: 1 };
const TERRACOTTA: MaterialSpec = { color: "#c0643d", roughness: 0.85, metalness: 0 };
const SOIL: MaterialSpec = { color: "#3b2a1e", roughness: 1, metalness: 0 };
const LEAF: MaterialSpec = { color: "#3f8a3a", roughness: 0.6, metalness: 0 };
const LEAF_LIGHT: MaterialSpec = { color: "#6fb34d", roughness: 0.6, metalness: 0 };

export type DemoModel = {
  /** File name, also the key scenes use. */
  name: string;
  title: string;
  build: () => MeshBuilder;
};

/** A dining chair: four legs, a seat and a slatted back. */
function chair(): MeshBuilder {
  const m = new MeshBuilder({ wood: OAK, seat: CUSHION });
  for (const x of [-0.19, 0.19]) {
    for (const z of [-0.19, 0.19]) {
      m.cylinder("wood", { radiusBottom: 0.018, radiusTop: 0.022, height: 0.43, segments: 10 }, { at: [x, 0, z] });
    }
  }
  m.box("wood", [0.46, 0.04, 0.46], { at: [0, 0.45, 0] });
  m.box("seat", [0.42, 0.03, 0.42], { at: [0, 0.485, 0.01] });
  for (const x of [-0.19, 0.19]) m.box("wood", [0.04, 0.5, 0.04], { at: [x, 0.72, -0.21] });
  for (const y of [0.62, 0.76, 0.9]) m.box("wood", [0.42, 0.06, 0.02], { at: [0, y, -0.21] });
  return m;
}

/** A round-cornered dining table on four tapered legs. */
function table(): MeshBuilder {
  const m = new MeshBuilder({ wood: WALNUT, feet: BRASS });
  m.box("wood", [1.6, 0.05, 0.9], { at: [0, 0.735, 0] });
  m.box("wood", [1.44, 0.08, 0.74], { at: [0, 0.67, 0] });
  for (const x of [-0.68, 0.68]) {
    for (const z of [-0.33, 0.33]) {
      m.cylinder("wood", { radiusBottom: 0.025, radiusTop: 0.04, height: 0.63, segments: 12 }, { at: [x, 0.03, z] });
      m.cylinder("feet", { radiusBottom: 0.027, radiusTop: 0.027, height: 0.03, segments: 12 }, { at: [x, 0, z] });
    }
  }
  return m;
}

/** A floor lamp: weighted base, slim pole, glowing bulb under a linen shade. */
function lamp(): MeshBuilder {
  const m = new MeshBuilder({ metal: STEEL, brass: BRASS, shade: LINEN, bulb: BULB });
  m.cylinder("metal", { radiusBottom: 0.16, radiusTop: 0.14, height: 0.03, segments: 24 }, { at: [0, 0, 0] });
  m.cylinder("brass", { radiusBottom: 0.012, radiusTop: 0.012, height: 1.35, segments: 10 }, { at: [0, 0.03, 0] });
  m.ellipsoid("bulb", [0.045, 0.06, 0.045], { at: [0, 1.42, 0] });
  m.cylinder(
    "shade",
    { radiusBottom: 0.24, radiusTop: 0.15, height: 0.3, segments: 24, open: true },
    { at: [0, 1.3, 0] },
  );
  return m;
}

/** A terracotta pot with a leafy plant. */
function plant(): MeshBuilder {
  const m = new MeshBuilder({ pot: TERRACOTTA, soil: SOIL, leaf: LEAF, leafLight: LEAF_LIGHT });
  m.cylinder("pot", { radiusBottom: 0.15, radiusTop: 0.21, height: 0.38, segments: 20 }, { at: [0, 0, 0] });
  m.cylinder("pot", { radiusBottom: 0.23, radiusTop: 0.23, height: 0.04, segments: 20 }, { at: [0, 0.36, 0] });
  m.cylinder("soil", { radiusBottom: 0.2, radiusTop: 0.2, height: 0.01, segments: 20 }, { at: [0, 0.37, 0] });
  const leaves = 7;
  for (let i = 0; i < leaves; i++) {
    const angle = (i / leaves) * Math.PI * 2;
    const lean = 0.5 + (i % 3) * 0.15;
    const reach = 0.16 + (i % 2) * 0.05;
    m.ellipsoid(
      i % 2 ? "leaf" : "leafLight",
      [0.07, 0.3, 0.025],
      { at: [Math.cos(angle) * reach, 0.66 + (i % 3) * 0.06, Math.sin(angle) * reach], rotation: [0, -angle, -lean] },
      5,
      8,
    );
  }
  m.ellipsoid("leaf", [0.06, 0.32, 0.03], { at: [0, 0.75, 0] }, 5, 8);
  return m;
}

/** A three-seat sofa: plinth, seat cushions, back cushions, arms and short legs. */
function sofa(): MeshBuilder {
  const m = new MeshBuilder({ fabric: FABRIC, cushion: FABRIC, legs: WALNUT });
  for (const x of [-0.95, 0.95]) {
    for (const z of [-0.35, 0.35]) {
      m.cylinder("legs", { radiusBottom: 0.02, radiusTop: 0.03, height: 0.1, segments: 10 }, { at: [x, 0, z] });
    }
  }
  m.box("fabric", [2.1, 0.22, 0.88], { at: [0, 0.21, 0] });
  for (const x of [-0.62, 0, 0.62]) {
    m.box("cushion", [0.6, 0.14, 0.66], { at: [x, 0.39, 0.08] });
    m.box("cushion", [0.6, 0.42, 0.18], { at: [x, 0.62, -0.3], rotation: [-0.12, 0, 0] });
  }
  m.box("fabric", [2.1, 0.5, 0.12], { at: [0, 0.57, -0.39] });
  for (const x of [-1.0, 1.0]) m.box("fabric", [0.16, 0.36, 0.88], { at: [x, 0.5, 0] });
  return m;
}

/** A low bookshelf with three shelves of coloured books. */
function bookshelf(): MeshBuilder {
  const bookColours = ["#8c2f39", "#2f4b8c", "#d9a441", "#3d7a5a", "#6b4a8c", "#e0ddd5"];
  const materials: Record<string, MaterialSpec> = { wood: OAK };
  bookColours.forEach((color, i) => (materials[`book${i}`] = { color, roughness: 0.8, metalness: 0 }));
  const m = new MeshBuilder(materials);
  m.box("wood", [1.2, 0.03, 0.32], { at: [0, 0.015, 0] });
  for (const y of [0.4, 0.8, 1.2]) m.box("wood", [1.2, 0.03, 0.32], { at: [0, y, 0] });
  for (const x of [-0.585, 0.585]) m.box("wood", [0.03, 1.2, 0.32], { at: [x, 0.6, 0] });
  m.box("wood", [1.2, 1.2, 0.02], { at: [0, 0.6, -0.15] });
  let book = 0;
  for (const shelf of [0.03, 0.415, 0.815]) {
    let x = -0.55;
    while (x < 0.45) {
      const width = 0.045 + ((book * 7) % 5) * 0.01;
      const height = 0.22 + ((book * 5) % 4) * 0.03;
      m.box(`book${book % bookColours.length}`, [width, height, 0.22], {
        at: [x + width / 2, shelf + height / 2, 0.02],
      });
      x += width + 0.004;
      book++;
    }
  }
  return m;
}

/** Every demo model, in a stable order (the order assets are published in). */
export const DEMO_MODELS: readonly DemoModel[] = [
  { name: "chair.glb", title: "Oak dining chair", build: chair },
  { name: "table.glb", title: "Walnut dining table", build: table },
  { name: "lamp.glb", title: "Linen floor lamp", build: lamp },
  { name: "plant.glb", title: "Potted plant", build: plant },
  { name: "sofa.glb", title: "Three-seat sofa", build: sofa },
  { name: "bookshelf.glb", title: "Bookshelf", build: bookshelf },
];

export type DemoModelName = "chair.glb" | "table.glb" | "lamp.glb" | "plant.glb" | "sofa.glb" | "bookshelf.glb";
