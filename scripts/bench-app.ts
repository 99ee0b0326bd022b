/**
 * Bench rows for the app in a browser (issue 11's budgets), on a local stack of its own (one demo
 * unit, no render network, the production build in `app/.next-bench`) driven by headless
 * Chromium with the end-to-end tests' flags (WebGL through SwiftShader):
 *
 * - JavaScript on first load, per page: the bytes Chromium received for every script (CDP
 *   `Network.loadingFinished` → `encodedDataLength`: compressed body and headers, as on the
 *   wire) in a fresh browser context with the cache off, from navigation until the page settled
 *   (the unit page: until its scene is drawn, so the 3D code it loads counts too).
 * - three.js on pages that draw no 3D: a page counts when three's core ran (`window.__THREE__`)
 *   or any script it received carries three's marker. The goal is none.
 * - The frame budget of a furnished reference unit, the demo world's first unit ("The Reading
 *   Room": 7 catalog-style glTF models and 2 pictures, see `ipfs/src/demo/scenes.ts`): draw calls
 *   and triangles (`renderer.info.render`) of the whole-room overview, time to first frame and to
 *   the scene ready, the entry hitch (the slowest of six first frames looking round from the
 *   middle of the room, right after it is ready), and CPU frame time (`performance.now` around
 *   each of up to 200 frames of the loaded room, 60 s at most; median and p95), plus its frames
 *   with software rasterization.
 *
 * The renderer is found through three.js's own devtools hook (`__THREE_DEVTOOLS__`, which
 * every `WebGLRenderer` announces itself to when it exists): the app ships nothing for this.
 *
 *   npx tsx scripts/bench-app.ts   (or npm run bench -- --only app)
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { LOOK_ROUND_EYE, LOOK_ROUND_TARGETS } from "../app/src/scene/sceneWarmup.ts";
import { launchChromium } from "./lib/chromium.ts";
import { formatUnitAddress } from "@markspace/contracts/unit-address";
import type { BenchRow } from "./lib/bench.ts";
import { findFreePort } from "./lib/ports.ts";
import { demoUnitAddress } from "./seed-demo-world.ts";
import { startLocalStack } from "./stack/orchestrator.ts";

export type AppBenchOptions = {
  /** Parent folder of the stack's throw-away data directory. */
  dataDir?: string;
  /** Frames of the reference unit timed for the CPU frame time. */
  frames?: number;
  log?: (line: string) => void;
  signal?: AbortSignal;
};

/** Pages that draw no 3D: none may load three.js; each should stay within `PAGE_JS_BUDGET_KB`. */
export const NON_3D_PAGES: readonly { name: string; path: string }[] = [
  { name: "unit list", path: "/" },
  { name: "wallet", path: "/wallet" },
  { name: "token", path: "/token" },
  { name: "sale", path: "/sale" },
  { name: "claim", path: "/claim" },
  { name: "governance", path: "/governance" },
  { name: "market", path: "/market" },
  { name: "leases", path: "/leases" },
  { name: "agencies", path: "/agency" },
  { name: "render dashboard", path: "/render" },
];

/** Issue 11's budgets, in KB of compressed JavaScript on first load. */
export const UNIT_PAGE_JS_BUDGET_KB = 400;
export const PAGE_JS_BUDGET_KB = 180;
/** What the issue measured before this bench existed (KB), carried as `baseline`. */
const BEFORE_KB = { unitPage: 584, unitList: 261 };

const VIEWPORT = { width: 1280, height: 800 };
/** Present in three.js's core (its double-import guard), in no other library the app uses. */
const THREE_MARKER = "__THREE__";

export type PageScripts = {
  /** Compressed bytes received for the document's own scripts (its first load), headers included. */
  bytes: number;
  /** Compressed bytes received for every script until the page settled (lazy chunks too). */
  allBytes: number;
  scripts: { url: string; bytes: number; encoding: string | undefined; initial: boolean }[];
  /** three.js's core ran on the page, or a script it received contains three.js. */
  three: boolean;
};

/** Records every script a page receives, with its size on the wire, until `collect()`. */
async function watchScripts(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const seen = new Map<string, { url: string; bytes?: number; encoding: string | undefined; initial: boolean }>();
  // The document's own <script> tags are parser-initiated; chunks loaded by code (next/dynamic,
  // the router's prefetches) are script-initiated.
  const parserInitiated = new Set<string>();
  cdp.on("Network.requestWillBeSent", (event) => {
    if (event.initiator.type === "parser") parserInitiated.add(event.requestId);
  });
  cdp.on("Network.responseReceived", (event) => {
    if (event.type !== "Script") return;
    const headers = Object.fromEntries(Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    seen.set(event.requestId, {
      url: event.response.url,
      encoding: headers["content-encoding"],
      initial: parserInitiated.has(event.requestId),
    });
  });
  cdp.on("Network.loadingFinished", (event) => {
    const script = seen.get(event.requestId);
    if (script) script.bytes = event.encodedDataLength;
  });
  return {
    async collect(): Promise<PageScripts> {
      const scripts = [...seen.entries()].filter(([, script]) => script.bytes !== undefined);
      let three = await page.evaluate((marker) => marker in window, THREE_MARKER);
      for (const [requestId] of scripts) {
        if (three) break;
        const body = await cdp.send("Network.getResponseBody", { requestId }).catch(() => undefined);
        const text = body ? (body.base64Encoded ? Buffer.from(body.body, "base64").toString("utf8") : body.body) : "";
        three = text.includes(THREE_MARKER);
      }
      await cdp.detach();
      const sum = (list: typeof scripts) => list.reduce((total, [, script]) => total + script.bytes!, 0);
      return {
        bytes: sum(scripts.filter(([, script]) => script.initial)),
        allBytes: sum(scripts),
        scripts: scripts.map(([, script]) => ({ ...script, bytes: script.bytes! })),
        three,
      };
    },
  };
}

/** JavaScript a page that draws no 3D receives on first load, in a fresh context. */
export async function measurePageScripts(browser: Browser, url: string): Promise<PageScripts> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    const watch = await watchScripts(context, page);
    await page.goto(url, { waitUntil: "load" });
    // Settled: hydrated and nothing more on the way (pages poll the subgraph every few seconds).
    await page.waitForLoadState("networkidle");
    return await watch.collect();
  } finally {
    await context.close();
  }
}

export type FrameBudget = {
  scripts: PageScripts;
  drawCalls: number;
  triangles: number;
  /** Milliseconds after navigation start. */
  firstFrameMs: number;
  readyMs: number;
  /** The slowest of six first frames looking round from the room's middle, once it is ready. */
  lookAroundMs: number;
  /** CPU time of one frame of the room (`renderer.render`), over `count` frames. */
  frameMs: { median: number; p95: number; count: number };
  /** Median frame including its rasterization (`gl.finish()`): SwiftShader's time, not a GPU's. */
  rasterizedFrameMs: number;
};

type Renderer = {
  isWebGLRenderer?: boolean;
  domElement: HTMLCanvasElement;
  info: { render: { calls: number; triangles: number } };
  render: (scene: unknown, camera: unknown) => void;
  getContext: () => WebGLRenderingContext;
  getRenderTarget: () => unknown;
};

type LookingCamera = {
  position: { set: (x: number, y: number, z: number) => void };
  lookAt: (x: number, y: number, z: number) => void;
  updateMatrixWorld: () => void;
};

type Probe = {
  firstFrameAt?: number;
  readyAt?: number;
  info?: { calls: number; triangles: number };
  /** The unit's renderer and what it drew last. */
  room?: { renderer: Renderer; scene: unknown; camera: unknown };
};

/**
 * Runs in the page before any of its scripts: receives every WebGLRenderer through three.js's
 * devtools hook, notes the unit room's first frame and `info` after each frame, and when the
 * unit's scene says it is ready.
 */
function installFrameProbe() {
  const probe: Probe = {};
  (window as unknown as { __markspaceBench: Probe }).__markspaceBench = probe;
  const devtools = new EventTarget();
  devtools.addEventListener("observe", (event) => {
    const renderer = (event as CustomEvent<Renderer>).detail;
    if (!renderer?.isWebGLRenderer) return;
    const render = renderer.render;
    renderer.render = function (scene, camera) {
      // Frames drawn to the screen count, not renders into a target (the environment map's cube faces).
      const toScreen = renderer.getRenderTarget() === null;
      render.call(this, scene, camera);
      // Only the unit's room counts (not a pre-rendered panorama's canvas).
      if (!toScreen || !renderer.domElement.closest('[data-testid="unit-scene"]')) return;
      probe.firstFrameAt ??= performance.now();
      probe.info = { calls: renderer.info.render.calls, triangles: renderer.info.render.triangles };
      probe.room = { renderer, scene, camera };
    };
  });
  (window as unknown as { __THREE_DEVTOOLS__: EventTarget }).__THREE_DEVTOOLS__ = devtools;

  new MutationObserver(() => {
    if (probe.readyAt === undefined && document.querySelector('[data-testid="unit-scene"][data-state="ready"]')) {
      probe.readyAt = performance.now();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"], childList: true });
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;

/**
 * Opens the unit page fresh and waits for its scene; then looks round once from the middle of the
 * room (six views, the first frames a visitor stepping in draws: shader compiles and texture
 * uploads not done ahead show here) and draws the loaded room `frames` times, timing each frame
 * with `performance.now()`. Frames are driven rather than sampled from the animation loop because
 * headless Chromium's software WebGL paces animation frames by its rasterizer (seconds per frame
 * on a busy 2-core machine), which says nothing of the app's CPU cost. Each frame waits for the
 * rasterizer (`gl.finish()`, as a frame loop waits for vsync), and after every 50 frames the page
 * presents once: drawn back to back without presenting, Chromium stalls every frame after about
 * the 130th by 120–150 ms, a cost no real frame loop pays.
 */
export async function measureFrameBudget(browser: Browser, url: string, frames: number): Promise<FrameBudget> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    // tsx keeps function names with an `__name` helper the page does not have.
    await context.addInitScript({ content: "globalThis.__name ??= (target) => target;" });
    await context.addInitScript(installFrameProbe);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const watch = await watchScripts(context, page);
    await page.goto(url, { waitUntil: "load" });
    await page.locator('[data-testid="unit-scene"][data-state="ready"]').waitFor({ timeout: 180_000 });
    await page.waitForLoadState("networkidle");
    const scripts = await watch.collect();
    // The overview (orbit mode: the whole room) draws on demand; its last frame is the loaded room.
    const loaded = await page.evaluate(() => {
      const { firstFrameAt, readyAt, info, room } = (window as unknown as { __markspaceBench: Probe }).__markspaceBench;
      return { firstFrameAt, readyAt, info, drew: room !== undefined };
    });
    if (loaded.firstFrameAt === undefined || !loaded.info || !loaded.drew) {
      throw new Error(`The reference unit's scene never drew a frame${errors.length ? ` (${errors.join("; ")})` : ""}`);
    }
    const timed = await page.evaluate(
      async ({ count, look }) => {
        const { room } = (window as unknown as { __markspaceBench: Probe }).__markspaceBench;
        const { renderer, scene, camera } = room!;
        const gl = renderer.getContext();
        // Lets the page present what was drawn (one rendering update: seconds under SwiftShader).
        const present = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        // The first look round from the middle of the room, at eye height: the six sides of a cube.
        const eye = (camera as { clone: () => LookingCamera }).clone();
        eye.position.set(...look.eye);
        let lookAround = 0;
        for (const [x, y, z] of look.targets) {
          eye.lookAt(x, y, z);
          eye.updateMatrixWorld();
          const started = performance.now();
          renderer.render(scene, eye);
          lookAround = Math.max(lookAround, performance.now() - started);
          gl.finish();
        }
        await present();
        const times: number[] = [];
        const rasterized: number[] = [];
        // At most `count` frames, and no more than 60 s of them on a slow (software-rendered) machine.
        const until = performance.now() + 60_000;
        for (let frame = 0; frame < count && (frame < 5 || performance.now() < until); frame++) {
          const started = performance.now();
          renderer.render(scene, camera);
          const submitted = performance.now();
          gl.finish();
          times.push(submitted - started);
          rasterized.push(performance.now() - started);
          if (frame % 50 === 49) await present();
        }
        return { lookAround, times, rasterized: rasterized.sort((a, b) => a - b)[Math.floor(rasterized.length / 2)]! };
      },
      { count: frames, look: { eye: LOOK_ROUND_EYE, targets: LOOK_ROUND_TARGETS } },
    );
    const work = timed.times.sort((a, b) => a - b);
    return {
      scripts,
      drawCalls: loaded.info.calls,
      triangles: loaded.info.triangles,
      firstFrameMs: loaded.firstFrameAt,
      readyMs: loaded.readyAt ?? Number.NaN,
      lookAroundMs: timed.lookAround,
      frameMs: { median: percentile(work, 0.5), p95: percentile(work, 0.95), count: work.length },
      rasterizedFrameMs: timed.rasterized,
    };
  } finally {
    await context.close();
  }
}

const kb = (bytes: number) => Number((bytes / 1024).toFixed(1));
const ms = (value: number) => Number(value.toFixed(2));

export async function runAppBench({
  dataDir = tmpdir(),
  frames = 200,
  log = console.log,
  signal,
}: AppBenchOptions = {}): Promise<BenchRow[]> {
  const stackDir = await mkdtemp(join(dataDir, "markspace-bench-app-"));
  const stack = await startLocalStack({
    dataDir: stackDir,
    demoUnits: 1,
    renderWorkers: 0,
    appMode: "prod",
    appDistDir: ".next-bench",
    ports: {
      chain: await findFreePort(),
      ipfsApi: await findFreePort(),
      ipfsGateway: await findFreePort(),
      graphql: await findFreePort(),
      app: await findFreePort(),
    },
    log: (line) => log(`  stack: ${line}`),
    signal,
  });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const rows: BenchRow[] = [];
    const uncompressed = new Set<string>();
    const noteEncoding = (scripts: PageScripts) => {
      // Next's compression skips bodies under 1 KiB, where it gains nothing.
      for (const script of scripts.scripts) if (!script.encoding && script.bytes > 1_500) uncompressed.add(script.url);
    };

    const reference = formatUnitAddress(demoUnitAddress(0));
    const budget = await measureFrameBudget(browser, `${stack.urls.app}/units/${reference}`, frames);
    noteEncoding(budget.scripts);
    log(
      `  unit page ${reference}: ${kb(budget.scripts.bytes)} KB of JS on first load, ${kb(budget.scripts.allBytes)} KB ` +
        `with the 3D view (${budget.scripts.scripts.length} scripts); ${budget.drawCalls} draw calls, ` +
        `${budget.triangles} triangles; first frame ${budget.firstFrameMs.toFixed(0)} ms, ready ${budget.readyMs.toFixed(0)} ms; ` +
        `first look round ${budget.lookAroundMs.toFixed(1)} ms at worst; ` +
        `CPU frame ${budget.frameMs.median.toFixed(2)} / ${budget.frameMs.p95.toFixed(2)} ms ` +
        `(median / p95 of ${budget.frameMs.count}); with software rasterization ${budget.rasterizedFrameMs.toFixed(0)} ms`,
    );
    rows.push(
      {
        metric: "JS on first load: unit page (compressed; target ≤ 400)",
        value: kb(budget.scripts.bytes),
        unit: "KB",
        baseline: BEFORE_KB.unitPage,
      },
      {
        metric: "JS until the unit's scene is drawn (3D code included)",
        value: kb(budget.scripts.allBytes),
        unit: "KB",
      },
    );

    let threePages = 0;
    let largest = 0;
    for (const { name, path } of NON_3D_PAGES) {
      const scripts = await measurePageScripts(browser, `${stack.urls.app}${path}`);
      noteEncoding(scripts);
      if (scripts.three) threePages++;
      largest = Math.max(largest, scripts.bytes);
      log(
        `  ${name} (${path}): ${kb(scripts.bytes)} KB of JS on first load, ${kb(scripts.allBytes)} KB until settled ` +
          `(${scripts.scripts.length} scripts)${scripts.three ? "; loads three.js" : ""}`,
      );
      rows.push({
        metric: `JS on first load: ${name} (compressed)`,
        value: kb(scripts.bytes),
        unit: "KB",
        ...(path === "/" ? { baseline: BEFORE_KB.unitList } : {}),
      });
    }
    rows.push(
      {
        metric: "JS on first load: largest page without 3D (compressed; target ≤ 180)",
        value: kb(largest),
        unit: "KB",
      },
      { metric: "pages without 3D that load three.js (target 0)", value: threePages, unit: "pages" },
      { metric: "scripts over 1 KiB served uncompressed", value: uncompressed.size, unit: "scripts" },
      { metric: "reference unit: draw calls (whole-room view; target ≤ 100)", value: budget.drawCalls, unit: "calls" },
      { metric: "reference unit: triangles (whole-room view)", value: budget.triangles, unit: "triangles" },
      {
        metric: "reference unit: slowest first frame looking round after entry (CPU; entry hitch)",
        value: ms(budget.lookAroundMs),
        unit: "ms",
      },
      { metric: "reference unit: CPU frame time (median)", value: ms(budget.frameMs.median), unit: "ms" },
      {
        metric: "reference unit: CPU frame time (p95; target ≤ 11 at 90 Hz)",
        value: ms(budget.frameMs.p95),
        unit: "ms",
      },
      {
        metric: "reference unit: one frame with software rasterization (SwiftShader)",
        value: Math.round(budget.rasterizedFrameMs),
        unit: "ms",
      },
      { metric: "reference unit: time to first frame", value: Math.round(budget.firstFrameMs), unit: "ms" },
      {
        metric: "reference unit: time to scene ready (all assets drawn)",
        value: Math.round(budget.readyMs),
        unit: "ms",
      },
    );
    if (uncompressed.size) log(`  served uncompressed: ${[...uncompressed].join(", ")}`);
    return rows;
  } finally {
    await browser?.close();
    await stack.stop();
    await rm(stackDir, { recursive: true, force: true });
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const { formatBenchTable } = await import("./lib/bench.ts");
  console.log(formatBenchTable(await runAppBench()));
  process.exit(0);
}
