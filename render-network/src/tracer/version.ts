/**
 * The renderer version: SHA-256 over the tracer's source files (every non-test `.ts` file in this
 * folder except this one), as computed by `computeRendererVersion` in `../renderer-version.ts`. A
 * test recomputes it and fails while it is stale, so no change to the tracer ships without a new
 * version; jobs name the version, and only workers running it may take them.
 */
export const RENDERER_VERSION = "0xd93627e5dbbc1d03999bb9fd003a6ea4a2f3fe20dd61cec0946760f769107692";
