/**
 * The renderer version: SHA-256 over the tracer's source files (every non-test `.ts` file in this
 * folder except this one), as computed by `computeRendererVersion` in `../renderer-version.ts`. A
 * test recomputes it and fails while it is stale, so no change to the tracer ships without a new
 * version; jobs name the version, and only workers running it may take them.
 */
export const RENDERER_VERSION = "0xa11bcfad3fd9299e009d896fcfebbd8c5ad0bb36828d2242d8916c9af3b1b44c";
