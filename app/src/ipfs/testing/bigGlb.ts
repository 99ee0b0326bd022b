/**
 * A valid binary glTF of about `bytes` bytes for tests: one mesh of triangles whose positions
 * fill the binary chunk, so its size is real geometry rather than padding.
 */
export function bigGlb(bytes: number): Uint8Array {
  const triangles = Math.floor((bytes - 4096) / 36);
  const count = triangles * 3;
  const positions = new Float32Array(count * 3);
  let seed = 1;
  for (let i = 0; i < positions.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    positions[i] = (seed / 0x7fffffff) * 2 - 1;
  }
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < positions.length; i++) {
    const axis = i % 3;
    min[axis] = Math.min(min[axis]!, positions[i]!);
    max[axis] = Math.max(max[axis]!, positions[i]!);
  }
  const json = {
    asset: { version: "2.0", generator: "markspace test" },
    buffers: [{ byteLength: positions.byteLength }],
    bufferViews: [{ buffer: 0, byteLength: positions.byteLength, target: 34962 }],
    accessors: [{ bufferView: 0, componentType: 5126, count, type: "VEC3", min, max }],
    meshes: [{ primitives: [{ attributes: { POSITION: 0 } }] }],
    nodes: [{ mesh: 0, name: "big" }],
    scenes: [{ nodes: [0] }],
    scene: 0,
  };
  const jsonBytes = new TextEncoder().encode(JSON.stringify(json));
  const jsonLength = Math.ceil(jsonBytes.length / 4) * 4;
  const binLength = positions.byteLength; // a multiple of 4 already
  const total = 12 + 8 + jsonLength + 8 + binLength;
  const glb = new Uint8Array(total);
  const view = new DataView(glb.buffer);
  view.setUint32(0, 0x46546c67, true); // "glTF"
  view.setUint32(4, 2, true);
  view.setUint32(8, total, true);
  view.setUint32(12, jsonLength, true);
  view.setUint32(16, 0x4e4f534a, true); // "JSON"
  glb.fill(0x20, 20, 20 + jsonLength);
  glb.set(jsonBytes, 20);
  view.setUint32(20 + jsonLength, binLength, true);
  view.setUint32(24 + jsonLength, 0x004e4942, true); // "BIN\0"
  glb.set(new Uint8Array(positions.buffer), 28 + jsonLength);
  return glb;
}
