/**
 * The editor's forms for screens, speakers, lights, portals and the environment, as zod schemas:
 * what a person typed is checked here, with a message naming the field, before it becomes a
 * manifest entry (`mediaEdits.ts`). Each `…FormSchema` parses the raw strings and numbers of its
 * form; `formProblem` turns a refusal into one sentence for the panel.
 */
import { z } from "zod";
import {
  audioMimeTypeSchema,
  environmentSchema,
  type Light,
  type Speaker,
  type VideoScreen,
} from "@markspace/ipfs/manifest";
import { parseUnitReference, type UnitReference } from "../city/unitReference.ts";

/** The first problem of a failed parse, as "field: message". */
export function formProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  const field = issue.path.join(".");
  return field ? `${field}: ${issue.message}` : issue.message;
}

const title = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .transform((value) => value || undefined);

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "a #rrggbb colour");

/** The providers the viewer knows by their host; PeerTube instances are recognised by their watch path. */
export function videoProviderOf(url: URL): Extract<VideoScreen["source"], { type: "external" }>["provider"] {
  const host = url.hostname.toLowerCase().replace(/^www\.|^m\./, "");
  if (host === "youtube.com" || host === "youtu.be" || host === "youtube-nocookie.com") return "youtube";
  if (host === "vimeo.com" || host === "player.vimeo.com") return "vimeo";
  if (/^\/(videos\/watch|w)\/[A-Za-z0-9-]+/.test(url.pathname)) return "peertube";
  return "other";
}

/** An external video: the link of its page on a video site (https only), and an optional title. */
export const videoLinkFormSchema = z
  .object({
    title: title(120),
    url: z
      .string()
      .trim()
      .min(1, "paste the video's link")
      .max(2048, "at most 2048 characters")
      .refine((value) => URL.canParse(value), "not a link (e.g. https://www.youtube.com/watch?v=…)")
      .refine((value) => !URL.canParse(value) || new URL(value).protocol === "https:", "the link must be https://"),
  })
  .transform(({ title: name, url }) => {
    const parsed = new URL(url);
    const source: VideoScreen["source"] = { type: "external", url: parsed.href, provider: videoProviderOf(parsed) };
    return { title: name, source };
  });
export type VideoLinkForm = z.input<typeof videoLinkFormSchema>;

/** What the upload route answers for a video file, as the screen needs it. */
export const videoUploadSchema = z
  .object({
    cid: z.string().min(1),
    name: z.string(),
    mimeType: z.enum(["video/mp4", "video/webm"], { error: "the screen plays MP4 or WebM video" }),
  })
  .transform(({ cid, name, mimeType }) => ({
    title: stripExtension(name).slice(0, 120) || undefined,
    source: { type: "ipfs", video: cid, mimeType } satisfies VideoScreen["source"],
  }));

/** An uploaded audio file as a playlist track: its title from the file name. */
export const trackUploadSchema = z
  .object({
    cid: z.string().min(1),
    name: z.string(),
    mimeType: audioMimeTypeSchema,
    durationSeconds: z.number().positive().max(86_400).optional(),
  })
  .transform(({ cid, name, mimeType, durationSeconds }): Speaker["playlist"][number] => ({
    title: stripExtension(name).slice(0, 120) || "Track",
    audio: cid,
    mimeType,
    ...(durationSeconds ? { durationSeconds } : {}),
  }));

/** A new speaker: its name and how far it carries. */
export const speakerFormSchema = z
  .object({
    name: z.string().trim().min(1, "name the speaker").max(80, "at most 80 characters"),
    volume: z.number().min(0, "from 0").max(1, "to 1"),
    refDistance: z.number().positive("above 0 m").max(50, "at most 50 m"),
    maxDistance: z.number().positive("above 0 m").max(100, "at most 100 m"),
  })
  .refine((form) => form.maxDistance >= form.refDistance, {
    message: "must not be below the full-volume distance",
    path: ["maxDistance"],
  });

/** Largest intensity of each light type (candela for point and spot, lux for directional). */
export const LIGHT_INTENSITY_MAX: Record<Light["type"], number> = {
  ambient: 10,
  directional: 10,
  point: 10_000,
  spot: 10_000,
};

/** The inspector's light fields: a colour and an intensity within its type's limit. */
export const lightFormSchema = z
  .object({
    type: z.enum(["ambient", "directional", "point", "spot"], { error: "ambient, directional, point or spot" }),
    color: hexColor,
    intensity: z.number().min(0, "not below 0"),
  })
  .superRefine((form, context) => {
    const max = LIGHT_INTENSITY_MAX[form.type];
    if (form.intensity > max) {
      context.addIssue({ code: "custom", path: ["intensity"], message: `at most ${max} for a ${form.type} light` });
    }
  });

/** Where a portal leads, as typed: a unit address, a unit's name, a token id, or an https page. */
export const portalFormSchema = z.object({
  name: z.string().trim().min(1, "name the door").max(80, "at most 80 characters"),
  kind: z.enum(["door", "portal"]),
  target: z.string().trim().min(1, "type a unit address (R-0042-07-12-003), a unit's name or an https:// link"),
});
export type PortalForm = z.input<typeof portalFormSchema>;

export type PortalTarget = { type: "unit"; reference: UnitReference } | { type: "url"; url: string };

/** Reads the portal's target: an https link, else a unit reference; throws naming the text when it is neither. */
export function portalTargetOf(text: string): PortalTarget {
  const trimmed = text.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    if (!URL.canParse(trimmed) || new URL(trimmed).protocol !== "https:") {
      throw new Error(`"${trimmed}" is not an https:// link`);
    }
    return { type: "url", url: new URL(trimmed).href };
  }
  const reference = parseUnitReference(trimmed);
  if (!reference) {
    throw new Error(`"${trimmed}" is neither a unit address (like R-0042-07-12-003), a unit's name nor a token id`);
  }
  return { type: "unit", reference };
}

/** Time of day (hours, 0–24) and weather, with the schema's own limits. */
export const environmentFormSchema = environmentSchema.extend({
  timeOfDay: z.number().min(0, "from 0 h").max(24, "to 24 h"),
});

/** "13.5" hours as "13:30". */
export function formatHours(hours: number): string {
  const whole = Math.floor(hours);
  const minutes = Math.round((hours - whole) * 60);
  return `${String(minutes === 60 ? whole + 1 : whole).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

function stripExtension(name: string): string {
  return name.replace(/\.[a-z0-9]{1,5}$/i, "").trim();
}
