/**
 * WebXR in headless Chromium for browser tests: IWER (Meta's WebXR emulator, its browser build)
 * installed over Chromium's own `navigator.xr` before the page's scripts run, as an emulated
 * Meta Quest 3 the test drives through `window.xrDevice`; and the moves a visitor makes with
 * it, read back from the "Exit VR" button's `data-origin` (`EnterVrButton.tsx`).
 */
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";

/** The emulator's browser build (an `iwer` global). */
export const IWER_SCRIPT = createRequire(import.meta.url).resolve("iwer/build/iwer.min.js");

type Emulator = {
  XRDevice: new (config: unknown) => { installRuntime(options: { forceInstall: boolean }): void };
  metaQuest3: unknown;
};

/** Makes every page of `target` start with an emulated Quest 3 as its WebXR device. */
export async function emulateQuest3(target: Page | BrowserContext): Promise<void> {
  await target.addInitScript({ path: IWER_SCRIPT });
  await target.addInitScript(() => {
    const iwer = (window as unknown as { IWER: Emulator }).IWER;
    const device = new iwer.XRDevice(iwer.metaQuest3);
    device.installRuntime({ forceInstall: true });
    (window as unknown as { xrDevice: unknown }).xrDevice = device;
  });
}

export type Origin = { x: number; y: number; z: number; yaw: number };

/** Where the play area stands while in VR. */
export async function xrOrigin(page: Page): Promise<Origin> {
  const text = await page.getByTestId("exit-vr").getAttribute("data-origin");
  const [x, y, z, yaw] = (text ?? "").split(",").map(Number);
  return { x: x!, y: y!, z: z!, yaw: yaw! };
}

/** Runs `code` against the emulated device (`xrDevice`) in the page. */
export const onDevice = (page: Page, code: string) => page.evaluate(`(() => { const d = window.xrDevice; ${code} })()`);

/**
 * Points the right controller ahead and 30° down from 1.2 m and pulls its trigger until the
 * visitor has moved at least `metres` forward (−z) from `from`: the teleport pointer's arc eases
 * towards the controller's aim over a few frames, so an early press may land short. The emulator
 * applies a button change at its next frame, and frames of a headset-sized view drawn by a
 * software GPU are slow: the trigger is held, and released, for a second each.
 */
export async function teleportAhead(page: Page, from: Origin, metres = 0.5): Promise<Origin> {
  const half = Math.PI / 12;
  await onDevice(page, "d.controllers.right.position.set(0.2, 1.2, -0.3);");
  await onDevice(page, `d.controllers.right.quaternion.set(${-Math.sin(half)}, 0, 0, ${Math.cos(half)});`);
  await page.waitForTimeout(1_000);
  await expect
    .poll(
      async () => {
        await onDevice(page, "d.controllers.right.updateButtonValue('trigger', 1);");
        await page.waitForTimeout(1_000);
        await onDevice(page, "d.controllers.right.updateButtonValue('trigger', 0);");
        await page.waitForTimeout(1_000);
        return (await xrOrigin(page)).z;
      },
      { timeout: 60_000, interval: 100 },
    )
    .toBeLessThan(from.z - metres);
  return xrOrigin(page);
}
