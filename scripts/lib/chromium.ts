/**
 * Headless Chromium for the browser tests and the app bench: Debian's `/usr/bin/chromium` (or
 * `MARKSPACE_CHROMIUM`) driven by playwright-core, never a downloaded browser. WebGL runs on the
 * CPU through SwiftShader (playwright-core adds its flag), and nothing phones home.
 */
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = process.env.MARKSPACE_CHROMIUM ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
