/**
 * Server side only: where the app's API routes store content — the Kubo-RPC API of the IPFS node
 * (`MARKSPACE_IPFS_API_URL`, e.g. the local stack's `http://127.0.0.1:5001`). Read per request and
 * validated, so one build serves any deployment; the browser never learns this URL.
 */
import { z } from "zod";
import { MarkspaceAppError } from "../../../errors/MarkspaceAppError.ts";

const apiUrlSchema = z
  .string({ error: "is not set" })
  .trim()
  .min(1, "is empty")
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), "must be an http(s) URL")
  .transform((value) => value.replace(/\/+$/, ""));

/** The app was started without a usable IPFS API URL, so it cannot store uploads. */
export class UploadStorageUnavailableError extends MarkspaceAppError {
  override name = "UploadStorageUnavailableError";
}

/** The IPFS API URL from `env`; throws `UploadStorageUnavailableError` naming the variable. */
export function ipfsApiUrlFrom(env: Record<string, string | undefined>): string {
  const result = apiUrlSchema.safeParse(env.MARKSPACE_IPFS_API_URL);
  if (result.success) return result.data;
  throw new UploadStorageUnavailableError({
    shortMessage: `MARKSPACE_IPFS_API_URL ${result.error.issues[0]?.message ?? "is invalid"}: uploads cannot be stored`,
    hint: "Set it to a Kubo-RPC API (the local stack sets it; a pinning service's Kubo API works too) and restart the app.",
  });
}
