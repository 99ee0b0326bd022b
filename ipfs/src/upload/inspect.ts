/**
 * Measures a glTF document the way a viewer pays for it: draw calls and triangles of every mesh
 * instance in the default scene (or every scene when there is none), bytes as given, and the
 * textures' sizes.
 */
import { type Document, type Node, Primitive } from "@gltf-transform/core";
import type { InstancedMesh } from "@gltf-transform/extensions";

export type ModelMeasures = {
  drawCalls: number;
  triangles: number;
  vertices: number;
  bytes: number;
  textures: Array<{ name: string; mimeType: string; width: number; height: number; bytes: number }>;
};

/** Draw calls, triangles and vertices drawn for `document`, its textures, and `bytes` as its size. */
export function measureModel(document: Document, bytes: number): ModelMeasures {
  const root = document.getRoot();
  const scene = root.getDefaultScene() ?? root.listScenes()[0];
  const measures: ModelMeasures = { drawCalls: 0, triangles: 0, vertices: 0, bytes, textures: [] };
  const visit = (node: Node) => {
    const mesh = node.getMesh();
    if (mesh) {
      // EXT_mesh_gpu_instancing draws a mesh many times in one call per primitive.
      const instancing = node.getExtension<InstancedMesh>("EXT_mesh_gpu_instancing");
      const copies = instancing?.listAttributes()[0]?.getCount() ?? 1;
      for (const primitive of mesh.listPrimitives()) {
        measures.drawCalls += 1;
        measures.triangles += trianglesOf(primitive) * copies;
        measures.vertices += (primitive.getAttribute("POSITION")?.getCount() ?? 0) * copies;
      }
    }
    for (const child of node.listChildren()) visit(child);
  };
  for (const node of scene?.listChildren() ?? []) visit(node);
  for (const texture of root.listTextures()) {
    const size = texture.getSize();
    measures.textures.push({
      name: texture.getName() || texture.getURI() || `texture ${root.listTextures().indexOf(texture)}`,
      mimeType: texture.getMimeType(),
      width: size?.[0] ?? 0,
      height: size?.[1] ?? 0,
      bytes: texture.getImage()?.byteLength ?? 0,
    });
  }
  return measures;
}

function trianglesOf(primitive: Primitive): number {
  const count = primitive.getIndices()?.getCount() ?? primitive.getAttribute("POSITION")?.getCount() ?? 0;
  switch (primitive.getMode()) {
    case Primitive.Mode.TRIANGLES:
      return Math.floor(count / 3);
    case Primitive.Mode.TRIANGLE_STRIP:
    case Primitive.Mode.TRIANGLE_FAN:
      return Math.max(0, count - 2);
    default:
      return 0; // points and lines
  }
}
