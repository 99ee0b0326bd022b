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
  // gzip every response `next start` serves (the default, stated because the JS budgets in the
  // README are measured compressed: `npm run bench -- --only app` checks no script goes out raw).
  compress: true,
  experimental: {
    // Rewrites barrel imports to the modules used, so a page gets only the pieces it imports
    // (drei's index re-exports hundreds of helpers, some with side effects that defeat tree-shaking).
    optimizePackageImports: ["@react-three/drei", "@react-three/xr", "@tanstack/react-query"],
  },
  devIndicators: false,
  // Lets the end-to-end test keep its own build beside a running `npm start` (see scripts/lib/stack-config.ts).
  distDir: process.env.MARKSPACE_APP_DIST_DIR || ".next",
  // Configuration is read per request (see src/config/getAppConfig.ts), never inlined at build time.
};

export default nextConfig;
