import { describe, expect, it } from "vitest";
import {
  environmentFormSchema,
  formatHours,
  formProblem,
  lightFormSchema,
  portalFormSchema,
  portalTargetOf,
  speakerFormSchema,
  trackUploadSchema,
  videoLinkFormSchema,
  videoUploadSchema,
} from "./editorForms.ts";

const problem = (result: { success: boolean; error?: unknown }) =>
  result.success ? undefined : formProblem(result.error as Parameters<typeof formProblem>[0]);

describe("editor forms", () => {
  it("reads a video link, recognising the provider, and refuses non-https or non-links naming the field", () => {
    expect(videoLinkFormSchema.parse({ title: " Talk ", url: "https://youtu.be/abc" })).toEqual({
      title: "Talk",
      source: { type: "external", url: "https://youtu.be/abc", provider: "youtube" },
    });
    expect(videoLinkFormSchema.parse({ title: "", url: "https://vimeo.com/76979871" }).source).toMatchObject({
      provider: "vimeo",
    });
    expect(
      videoLinkFormSchema.parse({ title: "", url: "https://tube.example/w/9c9de5e8-0a1e-484a-b099-e80766180a6d" })
        .source,
    ).toMatchObject({ provider: "peertube" });
    expect(videoLinkFormSchema.parse({ title: "", url: "https://example.com/v.html" }).title).toBeUndefined();
    expect(problem(videoLinkFormSchema.safeParse({ title: "", url: "http://youtube.com/x" }))).toBe(
      "url: the link must be https://",
    );
    expect(problem(videoLinkFormSchema.safeParse({ title: "", url: "youtube" }))).toMatch(/^url: not a link/);
    expect(problem(videoLinkFormSchema.safeParse({ title: "", url: " " }))).toBe("url: paste the video's link");
  });

  it("turns upload answers into a screen source and a playlist track, refusing the wrong media type", () => {
    const cid = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
    expect(videoUploadSchema.parse({ cid, name: "Holiday.MP4", mimeType: "video/mp4" })).toEqual({
      title: "Holiday",
      source: { type: "ipfs", video: cid, mimeType: "video/mp4" },
    });
    expect(problem(videoUploadSchema.safeParse({ cid, name: "a.mp3", mimeType: "audio/mpeg" }))).toBe(
      "mimeType: the screen plays MP4 or WebM video",
    );
    expect(trackUploadSchema.parse({ cid, name: "01 Intro.flac", mimeType: "audio/flac" })).toEqual({
      title: "01 Intro",
      audio: cid,
      mimeType: "audio/flac",
    });
    expect(trackUploadSchema.safeParse({ cid, name: "clip.webm", mimeType: "video/webm" }).success).toBe(false);
  });

  it("checks a speaker's name and distances", () => {
    expect(speakerFormSchema.safeParse({ name: "Radio", volume: 0.5, refDistance: 1, maxDistance: 8 }).success).toBe(
      true,
    );
    expect(problem(speakerFormSchema.safeParse({ name: " ", volume: 0.5, refDistance: 1, maxDistance: 8 }))).toBe(
      "name: name the speaker",
    );
    expect(problem(speakerFormSchema.safeParse({ name: "R", volume: 0.5, refDistance: 5, maxDistance: 2 }))).toBe(
      "maxDistance: must not be below the full-volume distance",
    );
  });

  it("holds a light's intensity to its type's limit and its colour to #rrggbb", () => {
    expect(lightFormSchema.safeParse({ type: "point", color: "#ffffff", intensity: 5000 }).success).toBe(true);
    expect(problem(lightFormSchema.safeParse({ type: "ambient", color: "#ffffff", intensity: 11 }))).toBe(
      "intensity: at most 10 for a ambient light",
    );
    expect(problem(lightFormSchema.safeParse({ type: "spot", color: "white", intensity: 1 }))).toBe(
      "color: a #rrggbb colour",
    );
    expect(problem(lightFormSchema.safeParse({ type: "point", color: "#ffffff", intensity: -1 }))).toBe(
      "intensity: not below 0",
    );
  });

  it("reads a portal's target as a unit address, a token id, a name or an https link", () => {
    expect(portalTargetOf("r-0001-01-01-001")).toMatchObject({
      type: "unit",
      reference: { kind: "address", address: "R-0001-01-01-001" },
    });
    expect(portalTargetOf("  Sea-View ")).toEqual({ type: "unit", reference: { kind: "name", name: "sea-view" } });
    expect(portalTargetOf("https://example.org/gallery")).toEqual({ type: "url", url: "https://example.org/gallery" });
    expect(() => portalTargetOf("http://example.org")).toThrow(/not an https:\/\/ link/);
    expect(() => portalTargetOf("no spaces allowed!")).toThrow(/neither a unit address/);
    expect(problem(portalFormSchema.safeParse({ name: "Door", kind: "door", target: "" }))).toMatch(
      /^target: type a unit/,
    );
    expect(problem(portalFormSchema.safeParse({ name: "Door", kind: "gate", target: "x" }))).toMatch(/^kind:/);
  });

  it("checks the time of day and weather", () => {
    expect(environmentFormSchema.parse({ timeOfDay: 6.25, weather: "fog" })).toEqual({
      timeOfDay: 6.25,
      weather: "fog",
    });
    expect(problem(environmentFormSchema.safeParse({ timeOfDay: 25, weather: "fog" }))).toBe("timeOfDay: to 24 h");
    expect(environmentFormSchema.safeParse({ timeOfDay: 12, weather: "hail" }).success).toBe(false);
    expect(formatHours(13.5)).toBe("13:30");
    expect(formatHours(0)).toBe("00:00");
    expect(formatHours(23.999)).toBe("24:00");
  });
});
