/**
 * Shader and texture warm-up before a visitor steps into a room. Without it, three.js compiles a
 * material's shader program and uploads its textures the first time an object is drawn, so the
 * first turn of the head (or the first frames in VR) stalls for every model not yet in view —
 * the entry hitch visitors notice. `warmUpScene` uploads every texture the scene's materials use
 * and compiles every material's program, off the main thread where the browser allows
 * (`KHR_parallel_shader_compile` through `compileAsync`), whether the object is in view or not;
 * then draws one frame with frustum culling off, which sets up what only a draw does (the lookup
 * tables, environment maps and shadow maps three.js binds on an object's first draw). Objects out
 * of view fall outside the clip volume, so that frame looks exactly like an ordinary one.
 */
import type { Camera, Material, Object3D, Scene, Texture, WebGLRenderer } from "three";

type WithMaterial = Object3D & { material?: Material | Material[] };
type WithUniforms = Material & { uniforms?: Record<string, { value?: unknown } | undefined> };

const isTexture = (value: unknown): value is Texture =>
  typeof value === "object" && value !== null && (value as { isTexture?: boolean }).isTexture === true;

/** Every texture the materials of `root` and its descendants use (maps and shader uniforms). */
export function texturesOf(root: Object3D): Set<Texture> {
  const textures = new Set<Texture>();
  root.traverse((object) => {
    const material = (object as WithMaterial).material;
    if (!material) return;
    for (const one of Array.isArray(material) ? material : [material]) {
      for (const value of Object.values(one)) if (isTexture(value)) textures.add(value);
      const uniforms = (one as WithUniforms).uniforms;
      if (uniforms)
        for (const uniform of Object.values(uniforms)) if (isTexture(uniform?.value)) textures.add(uniform.value);
    }
  });
  return textures;
}

/** One frame of `scene` with every object drawn, in view or not (culling restored afterwards). */
export function drawEverything(renderer: WebGLRenderer, scene: Scene, camera: Camera): void {
  const culled: Object3D[] = [];
  scene.traverse((object) => {
    if (!object.frustumCulled) return;
    object.frustumCulled = false;
    culled.push(object);
  });
  try {
    renderer.render(scene, camera);
  } finally {
    for (const object of culled) object.frustumCulled = true;
  }
}

/**
 * Where a visitor turning round from the middle of a room at eye height (1.6 m) looks: the six
 * sides of a cube. The warm-up's browser test and the bench's entry-hitch row both look round so.
 */
export const LOOK_ROUND_EYE: readonly [number, number, number] = [0, 1.6, 0];
export const LOOK_ROUND_TARGETS: ReadonlyArray<readonly [number, number, number]> = [
  [1, 1.6, 0],
  [-1, 1.6, 0],
  [0, 1.6, 1],
  [0, 1.6, -1],
  [0.01, 5, 0],
  [0.01, -5, 0],
];

export type WarmupReport = {
  /** Textures handed to the GPU (videos and render targets upload themselves when drawn). */
  textures: number;
  /** Shader programs the renderer holds afterwards. */
  programs: number;
  /** False when compiling did not finish within the time allowed (the room is shown anyway). */
  compiled: boolean;
  ms: number;
};

const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Uploads the scene's textures (one per task, so the page keeps answering) and compiles its
 * materials' programs against its lights. Gives up waiting on the compiler after `timeoutMs`
 * (a lost context never reports programs ready).
 */
export async function warmUpScene(
  renderer: WebGLRenderer,
  scene: Scene,
  camera: Camera,
  { timeoutMs = 10_000, signal }: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<WarmupReport> {
  const started = performance.now();
  let textures = 0;
  for (const texture of texturesOf(scene)) {
    if (signal?.aborted) break;
    // A video uploads its current frame as it plays; a render target's texture lives on the GPU.
    if ((texture as { isVideoTexture?: boolean }).isVideoTexture || texture.isRenderTargetTexture) continue;
    renderer.initTexture(texture);
    textures++;
    await yieldToBrowser();
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const compiled = signal?.aborted
    ? false
    : await Promise.race([
        renderer.compileAsync(scene, camera).then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
      ]);
  clearTimeout(timer);
  if (!signal?.aborted) drawEverything(renderer, scene, camera);
  return { textures, programs: renderer.info.programs?.length ?? 0, compiled, ms: performance.now() - started };
}
