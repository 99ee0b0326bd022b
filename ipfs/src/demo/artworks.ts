/**
 * Generative artworks for the demo world's walls, drawn pixel by pixel from fixed seeds so
 * every run produces the same PNG bytes (and so the same CIDs).
 */
import { encodePng, type RgbImage } from "./png.ts";

export type DemoArtwork = {
  /** File name, also the key scenes use. */
  name: string;
  title: string;
  width: number;
  height: number;
  draw: () => RgbImage;
};

type Rgb = [number, number, number];

/** mulberry32: a small, fast, seedable PRNG; plenty for pictures. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Canvas {
  readonly pixels: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8Array(width * height * 3);
  }

  set(x: number, y: number, [r, g, b]: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 3;
    this.pixels[i] = r;
    this.pixels[i + 1] = g;
    this.pixels[i + 2] = b;
  }

  fill(x0: number, y0: number, x1: number, y1: number, colour: Rgb): void {
    for (let y = Math.max(0, y0); y < Math.min(this.height, y1); y++) {
      for (let x = Math.max(0, x0); x < Math.min(this.width, x1); x++) this.set(x, y, colour);
    }
  }

  each(paint: (x: number, y: number) => Rgb): void {
    for (let y = 0; y < this.height; y++) for (let x = 0; x < this.width; x++) this.set(x, y, paint(x, y));
  }

  image(): RgbImage {
    return { width: this.width, height: this.height, pixels: this.pixels };
  }
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  Math.round(a[0] + (b[0] - a[0]) * t),
  Math.round(a[1] + (b[1] - a[1]) * t),
  Math.round(a[2] + (b[2] - a[2]) * t),
];

/** A sunset over layered hills and water. */
function dusk(): RgbImage {
  const c = new Canvas(320, 240);
  const horizon = 150;
  const sun = { x: 205, y: 118, r: 26 };
  c.each((x, y) => {
    if (y < horizon) {
      const t = y / horizon;
      const sky =
        t < 0.6 ? mix([28, 32, 84], [196, 84, 96], t / 0.6) : mix([196, 84, 96], [250, 170, 90], (t - 0.6) / 0.4);
      const d = Math.hypot(x - sun.x, y - sun.y);
      if (d < sun.r) return [255, 226, 150];
      if (d < sun.r * 2.2) return mix([255, 200, 120], sky, (d - sun.r) / (sun.r * 1.2));
      return sky;
    }
    const depth = (y - horizon) / (240 - horizon);
    const water = mix([120, 70, 90], [20, 26, 60], depth);
    const shimmer = Math.abs(x - sun.x) < sun.r * (1 - depth) && Math.sin(y * 1.7) > 0.2;
    return shimmer ? mix(water, [255, 210, 140], 0.7) : water;
  });
  const hills: Array<{ base: number; amp: number; freq: number; colour: Rgb }> = [
    { base: 128, amp: 12, freq: 0.021, colour: [92, 58, 96] },
    { base: 140, amp: 9, freq: 0.034, colour: [58, 36, 70] },
  ];
  for (const hill of hills) {
    for (let x = 0; x < c.width; x++) {
      const top = Math.round(hill.base - hill.amp * (1 + Math.sin(x * hill.freq + hill.base)));
      c.fill(x, top, x + 1, horizon, hill.colour);
    }
  }
  return c.image();
}

/** Rectangles split at random and filled with primaries between thick black lines. */
function composition(): RgbImage {
  const c = new Canvas(256, 256);
  const random = seededRandom(7);
  const palette: Rgb[] = [
    [240, 236, 226],
    [240, 236, 226],
    [240, 236, 226],
    [206, 32, 41],
    [24, 62, 150],
    [247, 200, 40],
  ];
  const split = (x0: number, y0: number, x1: number, y1: number, depth: number): void => {
    const w = x1 - x0;
    const h = y1 - y0;
    if (depth > 4 || (w < 60 && h < 60) || (depth > 1 && random() < 0.25)) {
      c.fill(x0, y0, x1, y1, [20, 20, 20]);
      c.fill(x0 + 3, y0 + 3, x1 - 3, y1 - 3, palette[Math.floor(random() * palette.length)] as Rgb);
      return;
    }
    if (w >= h) {
      const at = x0 + Math.round(w * (0.3 + random() * 0.4));
      split(x0, y0, at, y1, depth + 1);
      split(at, y0, x1, y1, depth + 1);
    } else {
      const at = y0 + Math.round(h * (0.3 + random() * 0.4));
      split(x0, y0, x1, at, depth + 1);
      split(x0, at, x1, y1, depth + 1);
    }
  };
  split(0, 0, 256, 256, 0);
  return c.image();
}

/** Truchet tiles: quarter-circle arcs whose random turns join into meandering paths. */
function truchet(): RgbImage {
  const tile = 32;
  const c = new Canvas(256, 256);
  const random = seededRandom(21);
  const flips = Array.from({ length: 64 }, () => random() < 0.5);
  const ground: Rgb = [232, 224, 205];
  const ink: Rgb = [46, 104, 96];
  const accent: Rgb = [210, 120, 70];
  c.each((x, y) => {
    const tx = Math.floor(x / tile);
    const ty = Math.floor(y / tile);
    let u = (x % tile) / tile;
    const v = (y % tile) / tile;
    if (flips[ty * 8 + tx]) u = 1 - u;
    const d = Math.min(Math.hypot(u, v), Math.hypot(1 - u, 1 - v));
    if (Math.abs(d - 0.5) < 0.09) return (tx + ty) % 3 === 0 ? accent : ink;
    return ground;
  });
  return c.image();
}

/** Two wave sources interfering, mapped onto a cool palette. */
function interference(): RgbImage {
  const c = new Canvas(320, 200);
  const sources = [
    [110, 80],
    [220, 130],
  ] as const;
  c.each((x, y) => {
    let sum = 0;
    for (const [sx, sy] of sources) sum += Math.sin(Math.hypot(x - sx, y - sy) * 0.19);
    const t = (sum + 2) / 4;
    return t < 0.5 ? mix([16, 24, 64], [40, 150, 170], t * 2) : mix([40, 150, 170], [236, 244, 226], (t - 0.5) * 2);
  });
  return c.image();
}

/** A skyline at night: towers with lit windows under a starry sky. */
function cityAtNight(): RgbImage {
  const c = new Canvas(320, 200);
  const random = seededRandom(99);
  c.each((_x, y) => mix([8, 10, 36], [44, 38, 96], y / 200));
  for (let i = 0; i < 90; i++) {
    const x = Math.floor(random() * 320);
    const y = Math.floor(random() * 110);
    c.set(x, y, random() < 0.2 ? [255, 230, 180] : [200, 210, 255]);
  }
  c.fill(260, 24, 280, 44, [240, 236, 210]); // the moon, squared off like the rest of the city
  let x = 0;
  while (x < 320) {
    const width = 18 + Math.floor(random() * 30);
    const top = 70 + Math.floor(random() * 90);
    const shade = 14 + Math.floor(random() * 18);
    c.fill(x, top, x + width - 2, 200, [shade, shade, shade + 12]);
    for (let wy = top + 6; wy < 194; wy += 9) {
      for (let wx = x + 4; wx < x + width - 6; wx += 7) {
        if (random() < 0.45) c.fill(wx, wy, wx + 3, wy + 4, [250, 214, 120]);
      }
    }
    x += width;
  }
  return c.image();
}

/** Concentric rings around two drifting centres. */
function rings(): RgbImage {
  const c = new Canvas(240, 240);
  const palette: Rgb[] = [
    [244, 162, 97],
    [231, 111, 81],
    [42, 157, 143],
    [38, 70, 83],
    [233, 196, 106],
  ];
  c.each((x, y) => {
    const a = Math.hypot(x - 100, y - 110);
    const b = Math.hypot(x - 150, y - 130);
    const band = Math.floor((a + b) / 22);
    return palette[band % palette.length] as Rgb;
  });
  return c.image();
}

/** Every demo artwork, in a stable order (the order assets are published in). */
export const DEMO_ARTWORKS: readonly DemoArtwork[] = [
  { name: "dusk.png", title: "Dusk over the Bay", width: 320, height: 240, draw: dusk },
  { name: "composition.png", title: "Composition No. 7", width: 256, height: 256, draw: composition },
  { name: "truchet.png", title: "Truchet Garden", width: 256, height: 256, draw: truchet },
  { name: "interference.png", title: "Interference", width: 320, height: 200, draw: interference },
  { name: "city.png", title: "City at Night", width: 320, height: 200, draw: cityAtNight },
  { name: "rings.png", title: "Rings", width: 240, height: 240, draw: rings },
];

export type DemoArtworkName =
  "dusk.png" | "composition.png" | "truchet.png" | "interference.png" | "city.png" | "rings.png";

/** Draws and encodes an artwork. */
export function renderArtwork(artwork: DemoArtwork): Uint8Array {
  return encodePng(artwork.draw());
}
