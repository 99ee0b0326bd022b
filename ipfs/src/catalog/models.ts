/**
 * The starter catalog's models: furniture, decor, appliances and frames a new owner can place at
 * once, modelled in code with PBR (metallic-roughness) materials. The demo world's six pieces
 * are reused as they are; the rest are built here the same way. Dimensions are real-world metres;
 * each model stands on y = 0, centred on x = z = 0, its front facing +z (a frame's face too: hang
 * it with its back to the wall).
 */
import { seededRandom } from "../demo/artworks.ts";
import { MeshBuilder, type MaterialSpec } from "../demo/mesh.ts";
import { DEMO_MODELS } from "../demo/models.ts";
import { encodePng } from "../demo/png.ts";

export const CATALOG_CATEGORIES = ["furniture", "decor", "appliances", "frames"] as const;
export type CatalogCategory = (typeof CATALOG_CATEGORIES)[number];

export type CatalogModel = {
  /** Stable id, also the file name without `.glb`. */
  id: string;
  name: string;
  category: CatalogCategory;
  build: () => MeshBuilder;
};

const PAINTED_WHITE: MaterialSpec = { color: "#eeeae2", roughness: 0.5, metalness: 0 };
const ASH: MaterialSpec = { color: "#c8a882", roughness: 0.65, metalness: 0 };
const STEEL: MaterialSpec = { color: "#b8bcc2", roughness: 0.3, metalness: 1 };
const BLACK_PLASTIC: MaterialSpec = { color: "#1b1c1e", roughness: 0.4, metalness: 0 };
const SCREEN: MaterialSpec = { color: "#0a0c10", roughness: 0.08, metalness: 0 };
const SHEET: MaterialSpec = { color: "#f4f1ea", roughness: 0.95, metalness: 0 };
const BLANKET: MaterialSpec = { color: "#4d6b5a", roughness: 0.95, metalness: 0 };
const GLAZE: MaterialSpec = { color: "#2f5d8a", roughness: 0.15, metalness: 0 };
const GOLD: MaterialSpec = { color: "#c9a54a", roughness: 0.3, metalness: 1 };

/** A 128 × 128 woven pattern for the rug, made from a fixed seed so its bytes never change. */
function rugTexture(): Uint8Array {
  const size = 128;
  const random = seededRandom(11);
  const palette = [
    [164, 58, 46],
    [222, 196, 150],
    [46, 64, 92],
  ];
  const jitter = Array.from({ length: size }, () => Math.floor(random() * 16));
  const pixels = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Diamonds on a field, bordered, with a little weft noise per row.
      const dx = Math.abs((x % 32) - 16);
      const dy = Math.abs((y % 32) - 16);
      const border = x < 6 || y < 6 || x >= size - 6 || y >= size - 6;
      const colour = palette[border ? 2 : dx + dy < 10 ? 1 : dx + dy < 13 ? 2 : 0]!;
      const offset = (y * size + x) * 3;
      for (let c = 0; c < 3; c++) pixels[offset + c] = Math.max(0, colour[c]! - jitter[y]!);
    }
  }
  return encodePng({ width: size, height: size, pixels });
}

/** A 64 × 48 landscape for the frame's canvas: sky, hills and a sun. */
function canvasTexture(): Uint8Array {
  const [width, height] = [64, 48];
  const pixels = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const hill = 30 + Math.round(6 * Math.sin(x / 9) + 3 * Math.sin(x / 4 + 1));
      const sun = Math.hypot(x - 46, y - 14) < 6;
      const colour = sun ? [250, 214, 120] : y > hill ? [70, 120 - (y - hill) * 2, 60] : [120 + y * 2, 170 + y, 220];
      pixels.set(colour, (y * width + x) * 3);
    }
  }
  return encodePng({ width, height, pixels });
}

/** A double bed: a plinth on legs, a mattress, a folded blanket, two pillows and a headboard. */
function bed(): MeshBuilder {
  const m = new MeshBuilder({ wood: ASH, sheet: SHEET, blanket: BLANKET });
  for (const x of [-0.75, 0.75]) {
    for (const z of [-0.95, 0.95]) m.box("wood", [0.06, 0.12, 0.06], { at: [x, 0.06, z] });
  }
  m.box("wood", [1.6, 0.16, 2.05], { at: [0, 0.2, 0.02] });
  m.box("sheet", [1.5, 0.2, 1.95], { at: [0, 0.38, 0.04] });
  m.box("blanket", [1.54, 0.04, 1.1], { at: [0, 0.49, 0.45] });
  for (const x of [-0.38, 0.38]) m.ellipsoid("sheet", [0.3, 0.07, 0.18], { at: [x, 0.55, -0.72] }, 6, 12);
  m.box("wood", [1.64, 0.95, 0.06], { at: [0, 0.475, -1.0] });
  return m;
}

/** A white kitchen fridge with a freezer door, steel handles and a plinth. */
function fridge(): MeshBuilder {
  const m = new MeshBuilder({ body: PAINTED_WHITE, steel: STEEL, plinth: BLACK_PLASTIC });
  m.box("plinth", [0.58, 0.06, 0.6], { at: [0, 0.03, -0.01] });
  m.box("body", [0.6, 1.74, 0.6], { at: [0, 0.93, -0.02] });
  m.box("body", [0.6, 1.1, 0.04], { at: [0, 0.61, 0.3] });
  m.box("body", [0.6, 0.6, 0.04], { at: [0, 1.47, 0.3] });
  for (const y of [0.95, 1.3]) {
    m.cylinder(
      "steel",
      { radiusBottom: 0.012, radiusTop: 0.012, height: 0.3, segments: 8 },
      { at: [0.24, y - 0.15, 0.34] },
    );
  }
  return m;
}

/** A 55-inch television on a pedestal stand: a thin bezel round a glossy black screen. */
function television(): MeshBuilder {
  const m = new MeshBuilder({ bezel: BLACK_PLASTIC, screen: SCREEN, stand: STEEL });
  m.box("stand", [0.4, 0.02, 0.25], { at: [0, 0.01, 0] });
  m.box("stand", [0.06, 0.2, 0.03], { at: [0, 0.12, -0.02] });
  m.box("bezel", [1.24, 0.72, 0.04], { at: [0, 0.6, 0] });
  m.box("screen", [1.21, 0.69, 0.002], { at: [0, 0.6, 0.021] });
  return m;
}

/** A flat-woven 2 × 1.4 m rug, a few millimetres thick, its pattern a base colour texture stretched over it once. */
function rug(): MeshBuilder {
  const m = new MeshBuilder({
    wool: { color: "#ffffff", roughness: 1, metalness: 0, texture: rugTexture(), textureMetres: [2, 1.4] },
  });
  m.box("wool", [2, 0.008, 1.4], { at: [0, 0.004, 0] });
  return m;
}

/** A glazed ceramic vase with a narrow neck and a lip. */
function vase(): MeshBuilder {
  const m = new MeshBuilder({ glaze: GLAZE });
  m.cylinder("glaze", { radiusBottom: 0.06, radiusTop: 0.1, height: 0.12, segments: 20 }, { at: [0, 0, 0] });
  m.cylinder("glaze", { radiusBottom: 0.1, radiusTop: 0.05, height: 0.14, segments: 20 }, { at: [0, 0.12, 0] });
  m.cylinder(
    "glaze",
    { radiusBottom: 0.035, radiusTop: 0.04, height: 0.08, segments: 20, open: true },
    { at: [0, 0.26, 0] },
  );
  m.cylinder("glaze", { radiusBottom: 0.05, radiusTop: 0.05, height: 0.012, segments: 20 }, { at: [0, 0.34, 0] });
  return m;
}

/** A gilt picture frame, 64 × 48 cm, with a landscape on its canvas: a back and four mouldings. */
function pictureFrame(): MeshBuilder {
  const m = new MeshBuilder({
    gilt: GOLD,
    canvas: { color: "#ffffff", roughness: 0.85, metalness: 0, texture: canvasTexture(), textureMetres: [0.64, 0.48] },
  });
  const [width, height, rail, depth] = [0.64, 0.48, 0.05, 0.03];
  m.box("canvas", [width, height, 0.01], { at: [0, height / 2 + rail, 0.005] });
  m.box("gilt", [width + 2 * rail, rail, depth], { at: [0, rail / 2, depth / 2] });
  m.box("gilt", [width + 2 * rail, rail, depth], { at: [0, height + 1.5 * rail, depth / 2] });
  for (const x of [-1, 1])
    m.box("gilt", [rail, height, depth], { at: [x * (width / 2 + rail / 2), height / 2 + rail, depth / 2] });
  return m;
}

function demo(name: string): () => MeshBuilder {
  const model = DEMO_MODELS.find((candidate) => candidate.name === name);
  if (!model) throw new Error(`no demo model ${name}`);
  return model.build;
}

/** Every catalog model, in a stable order (the order they are published and listed in). */
export const CATALOG_MODELS: readonly CatalogModel[] = [
  { id: "dining-table", name: "Walnut dining table", category: "furniture", build: demo("table.glb") },
  { id: "dining-chair", name: "Oak dining chair", category: "furniture", build: demo("chair.glb") },
  { id: "sofa", name: "Three-seat sofa", category: "furniture", build: demo("sofa.glb") },
  { id: "double-bed", name: "Double bed", category: "furniture", build: bed },
  { id: "bookshelf", name: "Bookshelf", category: "furniture", build: demo("bookshelf.glb") },
  { id: "floor-lamp", name: "Linen floor lamp", category: "furniture", build: demo("lamp.glb") },
  { id: "potted-plant", name: "Potted plant", category: "decor", build: demo("plant.glb") },
  { id: "rug", name: "Woven rug", category: "decor", build: rug },
  { id: "vase", name: "Glazed vase", category: "decor", build: vase },
  { id: "fridge", name: "Fridge-freezer", category: "appliances", build: fridge },
  { id: "television", name: "Television", category: "appliances", build: television },
  { id: "picture-frame", name: "Gilt picture frame", category: "frames", build: pictureFrame },
];
