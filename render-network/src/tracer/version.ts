/**
 * The renderer version: SHA-256 over the tracer's source files (every non-test `.ts` file in this
 * folder except this one), as computed by `computeRendererVersion` in `../renderer-version.ts`. A
 * test recomputes it and fails while it is stale, so no change to the tracer ships without a new
 * version; jobs name the version, and only workers running it may take them.
 */
export const RENDERER_VERSION = "0x4becbefef88854158495bae1e5886dfb089f95d05c548cd75401cde7a8876909";
