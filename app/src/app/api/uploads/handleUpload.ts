/**
 * `POST /api/uploads`: one file in a multipart form with `kind` = `model` (GLB, or glTF JSON with
 * embedded resources), `image` (a wall picture), `panorama` (a 360° equirectangular photo; an
 * optional `layout` of `mono`, `top-bottom` or `left-right`), `video` (MP4 or WebM, for a screen)
 * or `audio` (MP3, Ogg, M4A, WAV or FLAC, for a speaker's playlist). Models and images are
 * validated and optimized with `@markspace/ipfs/upload` (Khronos validator, glTF-Transform,
 * sharp) and held to the unit budget; video and audio are streamed media, recognised by their
 * container's signature and stored as they are. The result is added to IPFS through the Kubo-RPC API. Answers `UploadResult`, or a 4xx
 * `ApiErrorBody` naming the field or the limit at fault.
 */
// The validator ships no types; the ipfs package declares the part it uses in an ambient module,
// which only a reference brings into the app's program.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../../../../ipfs/src/upload/gltf-validator.d.ts" />
import { addBytes } from "@markspace/ipfs/client";
import {
  prepareImage,
  prepareModel,
  UNIT_BUDGET,
  UploadBudgetExceededError,
  UploadInvalidImageError,
  UploadInvalidModelError,
} from "@markspace/ipfs/upload";
import { z } from "zod";
import { apiError } from "../_lib/apiError.ts";
import { readLimitedBody, RequestBodyTooLargeError } from "../_lib/readLimitedBody.ts";
import { guardUploadRequest, type UploadGuard } from "../_lib/uploadGuard.ts";
import { sniffAudio, sniffVideo, type AudioMimeType, type VideoMimeType } from "./sniffMedia.ts";

export type UploadKind = "model" | "image" | "panorama" | "video" | "audio";

export type UploadResult = {
  cid: string;
  kind: UploadKind;
  /** The file's name as uploaded. */
  name: string;
  /** Size of what was stored (after optimization). */
  bytes: number;
  triangles?: number;
  drawCalls?: number;
  width?: number;
  height?: number;
  /** For video and audio: the type read from the file's container. */
  mimeType?: VideoMimeType | AudioMimeType;
  /** What the validator warned about, and what the optimizer changed. */
  warnings: string[];
};

/** Largest file accepted before parsing: four times the unit's byte budget (the optimizer may shrink it). */
export const MAX_UPLOAD_FILE_BYTES = UNIT_BUDGET.bytes * 4;
/** Room for the multipart framing and the small fields around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

const fieldsSchema = z.object({
  kind: z.enum(["model", "image", "panorama", "video", "audio"], {
    error: "must be model, image, panorama, video or audio",
  }),
  layout: z.enum(["mono", "top-bottom", "left-right"], { error: "must be mono, top-bottom or left-right" }).optional(),
});

export type UploadDependencies = {
  /** The rate limit and the signed permission every request must pass first. */
  guard: UploadGuard;
  /** The Kubo-RPC API to store results on; called lazily so a misconfigured app still answers 4xx for bad input. */
  ipfsApiUrl: () => string;
  maxFileBytes?: number;
  fetch?: typeof fetch;
};

export async function handleUpload(request: Request, dependencies: UploadDependencies): Promise<Response> {
  const maxFileBytes = dependencies.maxFileBytes ?? MAX_UPLOAD_FILE_BYTES;
  // Before a byte of the body is read: an unsigned or too frequent request costs the server nothing.
  const guarded = await guardUploadRequest(request, "upload", dependencies.guard);
  if (!guarded.ok) return guarded.response;
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    return apiError(415, { error: "Send the file as multipart/form-data", field: "body" });
  }
  let form: FormData;
  try {
    const body = await readLimitedBody(request, maxFileBytes + FORM_OVERHEAD_BYTES);
    form = await new Response(body as BodyInit, { headers: { "content-type": type } }).formData();
  } catch (error) {
    if (error instanceof RequestBodyTooLargeError) {
      return apiError(413, {
        error: `The file is over the upload limit of ${mib(maxFileBytes)} MiB`,
        field: "file",
        limit: maxFileBytes,
        ...(error.declared === undefined ? {} : { measured: error.declared }),
        hint: "Optimize it before uploading (smaller textures, fewer triangles).",
      });
    }
    return apiError(400, { error: "The multipart form could not be read", field: "body", details: String(error) });
  }

  const fields = fieldsSchema.safeParse({
    kind: form.get("kind") ?? undefined,
    layout: form.get("layout") || undefined,
  });
  if (!fields.success) {
    const issue = fields.error.issues[0]!;
    const field = String(issue.path[0] ?? "kind");
    return apiError(400, { error: `${field} ${issue.message}`, field });
  }
  const files = form.getAll("file");
  const file = files[0];
  if (!(file instanceof File) || files.length !== 1) {
    return apiError(400, { error: "Send exactly one file, in the field 'file'", field: "file" });
  }
  if (file.size > maxFileBytes) {
    return apiError(413, {
      error: `${file.name} is ${file.size} bytes, over the upload limit of ${mib(maxFileBytes)} MiB`,
      field: "file",
      measured: file.size,
      limit: maxFileBytes,
    });
  }
  if (file.size === 0) return apiError(400, { error: `${file.name} is empty`, field: "file" });

  const { kind, layout } = fields.data;
  const name = file.name.slice(0, 200) || kind;
  const bytes = new Uint8Array(await file.arrayBuffer());
  let prepared: Omit<UploadResult, "cid">;
  let stored: Uint8Array;
  try {
    if (kind === "video" || kind === "audio") {
      const mimeType = kind === "video" ? sniffVideo(bytes) : sniffAudio(bytes);
      if (!mimeType) {
        return apiError(415, {
          error:
            kind === "video"
              ? `${name} is not an MP4 or WebM video`
              : `${name} is not MP3, Ogg, M4A (AAC), WAV or FLAC audio`,
          field: "file",
          hint: "Convert it first (e.g. ffmpeg -i input output.mp4, or output.mp3 for audio).",
        });
      }
      stored = bytes;
      prepared = { kind, name, bytes: stored.byteLength, mimeType, warnings: [] };
    } else if (kind === "model") {
      const model = await prepareModel(name, bytes, { maxUploadBytes: maxFileBytes });
      stored = model.bytes;
      const warnings = model.warnings.map((issue) => `${issue.code}: ${issue.message}`);
      if (model.bytes !== bytes) {
        warnings.push(`Optimized from ${model.before.bytes} to ${model.after.bytes} bytes`);
      }
      prepared = {
        kind,
        name,
        bytes: stored.byteLength,
        triangles: model.after.triangles,
        drawCalls: model.after.drawCalls,
        warnings,
      };
    } else {
      const image = await prepareImage(name, bytes, {
        kind: kind === "panorama" ? "panorama" : "picture",
        ...(layout ? { layout } : {}),
      });
      stored = image.bytes;
      const warnings =
        image.width !== image.original.width
          ? [`Resized from ${image.original.width} × ${image.original.height} to ${image.width} × ${image.height}`]
          : [];
      prepared = { kind, name, bytes: stored.byteLength, width: image.width, height: image.height, warnings };
    }
  } catch (error) {
    if (error instanceof UploadBudgetExceededError) {
      return apiError(error.measure === "bytes" && kind !== "model" ? 413 : 422, {
        error: error.shortMessage,
        field: error.measure,
        measured: error.measured,
        limit: error.limit,
        ...(error.hint ? { hint: error.hint } : {}),
      });
    }
    if (error instanceof UploadInvalidModelError || error instanceof UploadInvalidImageError) {
      return apiError(422, {
        error: error.shortMessage,
        field: "file",
        ...(error.details ? { details: error.details } : {}),
        ...(error.hint ? { hint: error.hint } : {}),
      });
    }
    throw error;
  }

  try {
    const apiUrl = dependencies.ipfsApiUrl();
    const cid = await addBytes(apiUrl, stored, {
      name,
      ...(dependencies.fetch ? { fetch: dependencies.fetch } : {}),
      signal: AbortSignal.timeout(60_000),
    });
    return Response.json({ cid, ...prepared } satisfies UploadResult, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    console.error("upload: storing on IPFS failed", error);
    return apiError(502, {
      error: "The file is valid but could not be stored on IPFS",
      field: "file",
      details: error instanceof Error ? error.message : String(error),
      hint: "Try again in a moment; the IPFS node may be restarting.",
    });
  }
}

function mib(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(0);
}
