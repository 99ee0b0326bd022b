import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

/** The monorepo root: workspace packages (`@markspace/contracts`, `@markspace/ipfs`) live beside `app/`. */
const repoRoot = fileURLToPath(new URL("..", import.meta.url));

const nextConfig: NextConfig = {
  // The workspace packages ship TypeScript source (with `./x.ts` imports); Next compiles them.
  transpilePackages: ["@markspace/common", "@markspace/contracts", "@markspace/ipfs", "@markspace/render-network"],
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  reactStrictMode: true,
  poweredByHeader: false,
  devIndicators: false,
  // Lets the end-to-end test keep its own build beside a running `npm start` (see scripts/lib/stack-config.ts).
  distDir: process.env.MARKSPACE_APP_DIST_DIR || ".next",
  // Configuration is read per request (see src/config/getAppConfig.ts), never inlined at build time.
};

export default nextConfig;
