/**
 * Bounding volume hierarchy over a scene's triangles: a binned SAH build (16 bins per axis) with
 * fixed tie-breaks (axis x before y before z, the lower split first), flattened into typed arrays,
 * and two traversals: closest hit and any hit (shadow rays). The build reads only the triangle
 * positions, in order, so the same scene always gives the same tree on every machine.
 */
import { intersectTriangle } from "./triangle.ts";

const BINS = 16;
const MAX_LEAF = 4;

/** A flattened BVH. Node i's box is `bounds[6i .. 6i+5]` (min xyz, max xyz). */
export type Bvh = {
  positions: Float64Array;
  bounds: Float64Array;
  /** Inner node: index of the left child (the right child follows it); leaf: first entry in `triIndex`. */
  firstOrChild: Int32Array;
  /** Number of triangles of a leaf; 0 for an inner node. */
  count: Int32Array;
  /** Triangle indices in leaf order. */
  triIndex: Int32Array;
  nodeCount: number;
  /** Levels below the root: traversal keeps at most depth + 1 nodes on its stack. */
  depth: number;
};

/** The closest intersection found by `closestHit`: `tri` is −1 when the ray hits nothing. */
export type Hit = { t: number; tri: number };

/** Builds a BVH over nine-number-per-triangle `positions`. */
export function buildBvh(positions: Float64Array): Bvh {
  const n = positions.length / 9;
  const centroid = new Float64Array(n * 3);
  const triBounds = new Float64Array(n * 6);
  for (let i = 0; i < n; i++) {
    for (let axis = 0; axis < 3; axis++) {
      const a = positions[9 * i + axis] as number;
      const b = positions[9 * i + 3 + axis] as number;
      const c = positions[9 * i + 6 + axis] as number;
      const lo = Math.min(a, b, c);
      const hi = Math.max(a, b, c);
      triBounds[6 * i + axis] = lo;
      triBounds[6 * i + 3 + axis] = hi;
      centroid[3 * i + axis] = (lo + hi) * 0.5;
    }
  }
  const maxNodes = Math.max(1, 2 * n - 1);
  const bvh: Bvh = {
    positions,
    bounds: new Float64Array(maxNodes * 6),
    firstOrChild: new Int32Array(maxNodes),
    count: new Int32Array(maxNodes),
    triIndex: Int32Array.from({ length: n }, (_, i) => i),
    nodeCount: 1,
    depth: 0,
  };
  const binCount = new Int32Array(BINS);
  const binBounds = new Float64Array(BINS * 6);
  const rightArea = new Float64Array(BINS);
  const rightCount = new Int32Array(BINS);

  // Iterative build: a work list of (node, first, count, level).
  const work: number[] = [0, 0, n, 0];
  while (work.length > 0) {
    const level = work.pop() as number;
    const count = work.pop() as number;
    const first = work.pop() as number;
    const node = work.pop() as number;
    if (level > bvh.depth) bvh.depth = level;
    setNodeBounds(bvh, node, triBounds, first, count);
    if (count <= MAX_LEAF) {
      makeLeaf(bvh, node, first, count);
      continue;
    }
    // Centroid bounds decide the bins.
    let cminX = Infinity,
      cminY = Infinity,
      cminZ = Infinity,
      cmaxX = -Infinity,
      cmaxY = -Infinity,
      cmaxZ = -Infinity;
    for (let i = first; i < first + count; i++) {
      const tri = bvh.triIndex[i] as number;
      const x = centroid[3 * tri] as number;
      const y = centroid[3 * tri + 1] as number;
      const z = centroid[3 * tri + 2] as number;
      if (x < cminX) cminX = x;
      if (y < cminY) cminY = y;
      if (z < cminZ) cminZ = z;
      if (x > cmaxX) cmaxX = x;
      if (y > cmaxY) cmaxY = y;
      if (z > cmaxZ) cmaxZ = z;
    }
    const cmin = [cminX, cminY, cminZ];
    const cmax = [cmaxX, cmaxY, cmaxZ];
    let bestCost = Infinity;
    let bestAxis = -1;
    let bestSplit = -1;
    for (let axis = 0; axis < 3; axis++) {
      const lo = cmin[axis] as number;
      const extent = (cmax[axis] as number) - lo;
      if (!(extent > 0)) continue;
      const scale = BINS / extent;
      binCount.fill(0);
      for (let b = 0; b < BINS; b++) resetBox(binBounds, b);
      for (let i = first; i < first + count; i++) {
        const tri = bvh.triIndex[i] as number;
        const bin = Math.min(BINS - 1, Math.floor(((centroid[3 * tri + axis] as number) - lo) * scale));
        binCount[bin] = (binCount[bin] as number) + 1;
        growBox(binBounds, bin, triBounds, tri);
      }
      // Sweep from the right, then from the left; cost = area·count on each side.
      boxScratchReset();
      let accumulated = 0;
      for (let b = BINS - 1; b > 0; b--) {
        accumulated += binCount[b] as number;
        rightArea[b] = boxScratchGrow(binBounds, b);
        rightCount[b] = accumulated;
      }
      boxScratchReset();
      accumulated = 0;
      for (let b = 0; b < BINS - 1; b++) {
        accumulated += binCount[b] as number;
        const leftArea = boxScratchGrow(binBounds, b);
        const right = rightCount[b + 1] as number;
        if (accumulated === 0 || right === 0) continue;
        const cost = leftArea * accumulated + (rightArea[b + 1] as number) * right;
        if (cost < bestCost) {
          bestCost = cost;
          bestAxis = axis;
          bestSplit = b;
        }
      }
    }
    let mid: number;
    if (bestAxis < 0) {
      // Every centroid coincides: split the list in half (order is the scene's order).
      mid = first + (count >> 1);
    } else {
      const lo = cmin[bestAxis] as number;
      const scale = BINS / ((cmax[bestAxis] as number) - lo);
      // In-place partition: triangles whose bin ≤ bestSplit go left.
      let i = first;
      let j = first + count - 1;
      while (i <= j) {
        const tri = bvh.triIndex[i] as number;
        const bin = Math.min(BINS - 1, Math.floor(((centroid[3 * tri + bestAxis] as number) - lo) * scale));
        if (bin <= bestSplit) {
          i++;
        } else {
          bvh.triIndex[i] = bvh.triIndex[j] as number;
          bvh.triIndex[j] = tri;
          j--;
        }
      }
      mid = i;
    }
    const left = bvh.nodeCount;
    bvh.nodeCount += 2;
    bvh.firstOrChild[node] = left;
    bvh.count[node] = 0;
    // Push right first so the left subtree is built first (the order only affects node numbering).
    work.push(left + 1, mid, first + count - mid, level + 1);
    work.push(left, first, mid - first, level + 1);
  }
  return bvh;
}

const scratchBox = new Float64Array(6);

function boxScratchReset(): void {
  scratchBox.set([Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity]);
}

/** Grows the scratch box by bin `b` and returns its half surface area. */
function boxScratchGrow(binBounds: Float64Array, b: number): number {
  for (let k = 0; k < 3; k++) {
    const lo = binBounds[6 * b + k] as number;
    const hi = binBounds[6 * b + 3 + k] as number;
    if (lo < (scratchBox[k] as number)) scratchBox[k] = lo;
    if (hi > (scratchBox[3 + k] as number)) scratchBox[3 + k] = hi;
  }
  const dx = (scratchBox[3] as number) - (scratchBox[0] as number);
  const dy = (scratchBox[4] as number) - (scratchBox[1] as number);
  const dz = (scratchBox[5] as number) - (scratchBox[2] as number);
  return dx >= 0 ? dx * dy + dy * dz + dz * dx : 0;
}

function resetBox(boxes: Float64Array, b: number): void {
  for (let k = 0; k < 3; k++) {
    boxes[6 * b + k] = Infinity;
    boxes[6 * b + 3 + k] = -Infinity;
  }
}

function growBox(boxes: Float64Array, b: number, triBounds: Float64Array, tri: number): void {
  for (let k = 0; k < 3; k++) {
    const lo = triBounds[6 * tri + k] as number;
    const hi = triBounds[6 * tri + 3 + k] as number;
    if (lo < (boxes[6 * b + k] as number)) boxes[6 * b + k] = lo;
    if (hi > (boxes[6 * b + 3 + k] as number)) boxes[6 * b + 3 + k] = hi;
  }
}

function setNodeBounds(bvh: Bvh, node: number, triBounds: Float64Array, first: number, count: number): void {
  resetBox(bvh.bounds, node);
  for (let i = first; i < first + count; i++) growBox(bvh.bounds, node, triBounds, bvh.triIndex[i] as number);
}

function makeLeaf(bvh: Bvh, node: number, first: number, count: number): void {
  bvh.firstOrChild[node] = first;
  bvh.count[node] = count;
}

/** Entry distance of a ray into node `node`'s box, or Infinity when it misses within (0, tMax). */
function enterBox(
  bounds: Float64Array,
  node: number,
  ox: number,
  oy: number,
  oz: number,
  ix: number,
  iy: number,
  iz: number,
  tMax: number,
): number {
  const o = 6 * node;
  let t0 = ((bounds[o] as number) - ox) * ix;
  let t1 = ((bounds[o + 3] as number) - ox) * ix;
  let near = t0 < t1 ? t0 : t1;
  let far = t0 < t1 ? t1 : t0;
  t0 = ((bounds[o + 1] as number) - oy) * iy;
  t1 = ((bounds[o + 4] as number) - oy) * iy;
  if ((t0 < t1 ? t0 : t1) > near) near = t0 < t1 ? t0 : t1;
  if ((t0 < t1 ? t1 : t0) < far) far = t0 < t1 ? t1 : t0;
  t0 = ((bounds[o + 2] as number) - oz) * iz;
  t1 = ((bounds[o + 5] as number) - oz) * iz;
  if ((t0 < t1 ? t0 : t1) > near) near = t0 < t1 ? t0 : t1;
  if ((t0 < t1 ? t1 : t0) < far) far = t0 < t1 ? t1 : t0;
  if (near < 0) near = 0;
  return near <= far && near < tMax ? near : Infinity;
}

// Traversal stacks, shared by every call on this thread; grown once for a deeper tree.
let stack = new Int32Array(128);
let entry = new Float64Array(128);

function ensureStack(bvh: Bvh): void {
  if (bvh.depth + 2 <= stack.length) return;
  stack = new Int32Array(bvh.depth + 2);
  entry = new Float64Array(bvh.depth + 2);
}

/**
 * Finds the nearest triangle hit by the ray `o + t·d`, 0 < t < tMax, and writes it into `hit`
 * (`hit.tri = −1` for a miss). Children are visited nearer first, and a node is skipped when it
 * starts beyond the closest hit so far. Ties in t go to the triangle met first in traversal
 * order, which is fixed by the tree.
 */
export function closestHit(
  bvh: Bvh,
  ox: number,
  oy: number,
  oz: number,
  dx: number,
  dy: number,
  dz: number,
  tMax: number,
  hit: Hit,
): Hit {
  hit.t = tMax;
  hit.tri = -1;
  if (bvh.triIndex.length === 0) return hit;
  ensureStack(bvh);
  const ix = 1 / dx;
  const iy = 1 / dy;
  const iz = 1 / dz;
  const { bounds, firstOrChild, count, triIndex, positions } = bvh;
  let top = 0;
  const rootEntry = enterBox(bounds, 0, ox, oy, oz, ix, iy, iz, hit.t);
  if (rootEntry === Infinity) return hit;
  entry[top] = rootEntry;
  stack[top++] = 0;
  while (top > 0) {
    top--;
    if ((entry[top] as number) >= hit.t) continue;
    const node = stack[top] as number;
    const leafCount = count[node] as number;
    if (leafCount > 0) {
      const first = firstOrChild[node] as number;
      for (let i = first; i < first + leafCount; i++) {
        const tri = triIndex[i] as number;
        const t = intersectTriangle(positions, tri, ox, oy, oz, dx, dy, dz);
        if (t < hit.t) {
          hit.t = t;
          hit.tri = tri;
        }
      }
      continue;
    }
    const left = firstOrChild[node] as number;
    const right = left + 1;
    const tLeft = enterBox(bounds, left, ox, oy, oz, ix, iy, iz, hit.t);
    const tRight = enterBox(bounds, right, ox, oy, oz, ix, iy, iz, hit.t);
    // Visit the nearer child first: push it last.
    if (tLeft <= tRight) {
      if (tRight !== Infinity) {
        entry[top] = tRight;
        stack[top++] = right;
      }
      if (tLeft !== Infinity) {
        entry[top] = tLeft;
        stack[top++] = left;
      }
    } else {
      if (tLeft !== Infinity) {
        entry[top] = tLeft;
        stack[top++] = left;
      }
      entry[top] = tRight;
      stack[top++] = right;
    }
  }
  return hit;
}

/** Whether any triangle blocks the ray `o + t·d` for 0 < t < tMax (shadow rays). */
export function anyHit(
  bvh: Bvh,
  ox: number,
  oy: number,
  oz: number,
  dx: number,
  dy: number,
  dz: number,
  tMax: number,
): boolean {
  if (bvh.triIndex.length === 0) return false;
  ensureStack(bvh);
  const ix = 1 / dx;
  const iy = 1 / dy;
  const iz = 1 / dz;
  const { bounds, firstOrChild, count, triIndex, positions } = bvh;
  let top = 0;
  stack[top++] = 0;
  while (top > 0) {
    const node = stack[--top] as number;
    if (enterBox(bounds, node, ox, oy, oz, ix, iy, iz, tMax) === Infinity) continue;
    const leafCount = count[node] as number;
    if (leafCount > 0) {
      const first = firstOrChild[node] as number;
      for (let i = first; i < first + leafCount; i++) {
        if (intersectTriangle(positions, triIndex[i] as number, ox, oy, oz, dx, dy, dz) < tMax) return true;
      }
      continue;
    }
    const left = firstOrChild[node] as number;
    stack[top++] = left + 1;
    stack[top++] = left;
  }
  return false;
}
