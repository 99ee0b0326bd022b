/**
 * The editor's calls to the app's own API: uploads (with progress, through XMLHttpRequest, since
 * fetch cannot report upload progress), the manifest publish step and the starter catalog.
 * Uploads and manifests carry the wallet's signed permission in a header. Every
 * answer is checked with zod; a refusal becomes an `EditorApiError` carrying the route's message
 * and the field it names.
 */
import { z } from "zod";
import { MarkspaceAppError } from "../errors/MarkspaceAppError.ts";
import type { AssetKind } from "./assetLibrary.ts";
import { UPLOAD_AUTHORIZATION_HEADER } from "./uploadAuthorization.ts";

export class EditorApiError extends MarkspaceAppError {
  override name = "EditorApiError";
  constructor(
    readonly status: number,
    readonly field: string | undefined,
    message: string,
    extra: { details?: string | undefined; hint?: string | undefined } = {},
  ) {
    super({ shortMessage: message, details: extra.details, hint: extra.hint });
  }
}

const errorBodySchema = z.object({
  error: z.string(),
  field: z.string().optional(),
  details: z.string().optional(),
  hint: z.string().optional(),
});

export const uploadResultSchema = z.object({
  cid: z.string(),
  kind: z.enum(["model", "image", "panorama", "video", "audio"]),
  name: z.string(),
  bytes: z.number(),
  triangles: z.number().optional(),
  drawCalls: z.number().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  mimeType: z.string().optional(),
  warnings: z.array(z.string()),
});
export type UploadResult = z.infer<typeof uploadResultSchema>;

export const catalogResponseSchema = z.object({
  indexCid: z.string(),
  name: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      category: z.string(),
      model: z.string(),
      bytes: z.number(),
      triangles: z.number(),
      drawCalls: z.number(),
      size: z.tuple([z.number(), z.number(), z.number()]),
    }),
  ),
});
export type CatalogResponse = z.infer<typeof catalogResponseSchema>;
export type CatalogEntry = CatalogResponse["items"][number];

function failure(status: number, text: string): EditorApiError {
  try {
    const body = errorBodySchema.parse(JSON.parse(text));
    return new EditorApiError(status, body.field, body.error, { details: body.details, hint: body.hint });
  } catch {
    return new EditorApiError(status, undefined, `The app answered ${status}`, { details: text.slice(0, 300) });
  }
}

/**
 * Uploads one file with its signed `authorization` (`uploadAuthorization.ts`); `onProgress` gets
 * the fraction sent (0–1) while the body goes out.
 */
export function uploadAsset(
  file: File,
  kind: AssetKind,
  options: { authorization: string; onProgress?: (fraction: number) => void; signal?: AbortSignal },
): Promise<UploadResult> {
  const { onProgress = () => {}, signal } = options;
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/uploads");
    request.setRequestHeader(UPLOAD_AUTHORIZATION_HEADER, options.authorization);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status !== 200) return reject(failure(request.status, request.responseText));
      try {
        resolve(uploadResultSchema.parse(JSON.parse(request.responseText)));
      } catch (error) {
        reject(
          new EditorApiError(request.status, undefined, "The upload answer was not understood", {
            details: String(error),
          }),
        );
      }
    };
    request.onerror = () => reject(new EditorApiError(0, undefined, "The upload could not reach the app"));
    request.onabort = () => reject(new EditorApiError(0, undefined, "The upload was cancelled"));
    signal?.addEventListener("abort", () => request.abort(), { once: true });
    const body = new FormData();
    body.append("kind", kind);
    body.append("file", file, file.name);
    request.send(body);
  });
}

/** Stores the manifest JSON on IPFS through the app, with its signed `authorization`; returns its CID. */
export async function publishManifest(json: string, authorization: string, signal?: AbortSignal): Promise<string> {
  const response = await fetch("/api/manifests", {
    method: "POST",
    headers: { "content-type": "application/json", [UPLOAD_AUTHORIZATION_HEADER]: authorization },
    body: json,
    ...(signal ? { signal } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw failure(response.status, text);
  return z.object({ cid: z.string() }).parse(JSON.parse(text)).cid;
}

export async function fetchCatalog(signal?: AbortSignal): Promise<CatalogResponse> {
  const response = await fetch("/api/catalog", signal ? { signal } : {});
  const text = await response.text();
  if (!response.ok) throw failure(response.status, text);
  return catalogResponseSchema.parse(JSON.parse(text));
}
