/**
 * The glTF reader/writer uploads go through: every extension glTF-Transform knows, with the
 * meshoptimizer codec (the WebAssembly build from npm) for EXT_meshopt_compression.
 */
import { NodeIO } from "@gltf-transform/core";
import { ALL_EXTENSIONS } from "@gltf-transform/extensions";
import { MeshoptDecoder, MeshoptEncoder } from "meshoptimizer";

let ready: Promise<NodeIO> | undefined;

/** One shared `NodeIO`, created once the meshopt codec's WebAssembly has loaded. */
export function gltfIo(): Promise<NodeIO> {
  ready ??= Promise.all([MeshoptDecoder.ready, MeshoptEncoder.ready]).then(() =>
    new NodeIO()
      .registerExtensions(ALL_EXTENSIONS)
      .registerDependencies({ "meshopt.decoder": MeshoptDecoder, "meshopt.encoder": MeshoptEncoder }),
  );
  return ready;
}

const GLB_MAGIC = 0x46546c67; // "glTF", little-endian

/** Whether `bytes` start like a binary glTF (GLB) rather than glTF JSON. */
export function isGlb(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) === GLB_MAGIC;
}
