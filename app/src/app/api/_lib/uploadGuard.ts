/**
 * What stands before the upload and manifest routes: a per-client rate limit, then the signed
 * permission of an account that may decorate the unit (`verifyUploadAuthorization`), then the
 * same rate limit per signing account. A refusal
 * is the route's answer, an `ApiErrorBody` naming the problem (`field: "authorization"` or
 * `"rate"`); otherwise the verified uploader.
 */
import type { UploadAction } from "../../../editor/uploadAuthorization.ts";
import { apiError } from "./apiError.ts";
import { clientKeyOf, type RateLimiter } from "./rateLimiter.ts";
import {
  UploadAuthorizationError,
  verifyUploadAuthorization,
  type UploadAuthorizationDependencies,
  type VerifiedUploader,
} from "./verifyUploadAuthorization.ts";

export type UploadGuard = {
  rateLimiter: RateLimiter;
  /** Lazily, so a misconfigured app still answers (with a 503 naming the problem). */
  authorization: () => UploadAuthorizationDependencies;
};

export type GuardResult = { ok: true; uploader: VerifiedUploader } | { ok: false; response: Response };

function tooMany(retryAfterSeconds: number, who: string): Response {
  return apiError(
    429,
    {
      error: `Too many requests from ${who}: try again in ${retryAfterSeconds} s`,
      field: "rate",
      hint: "Uploads are limited per client and per account to keep the IPFS node available to everyone.",
    },
    { "retry-after": String(retryAfterSeconds) },
  );
}

export async function guardUploadRequest(
  request: Request,
  action: UploadAction,
  guard: UploadGuard,
): Promise<GuardResult> {
  const rate = guard.rateLimiter.take(`${action}:${clientKeyOf(request)}`);
  if (!rate.allowed) return { ok: false, response: tooMany(rate.retryAfterSeconds, "this client") };
  try {
    const uploader = await verifyUploadAuthorization(request, action, guard.authorization());
    // The account too: an address header can be forged, a signature cannot.
    const byAccount = guard.rateLimiter.take(`${action}:account:${uploader.account.toLowerCase()}`);
    if (!byAccount.allowed) return { ok: false, response: tooMany(byAccount.retryAfterSeconds, "this account") };
    return { ok: true, uploader };
  } catch (error) {
    if (error instanceof UploadAuthorizationError) {
      return {
        ok: false,
        response: apiError(error.status, {
          error: error.message,
          field: "authorization",
          ...(error.hint ? { hint: error.hint } : {}),
        }),
      };
    }
    return {
      ok: false,
      response: apiError(503, {
        error: "The app cannot check upload signatures",
        field: "authorization",
        details: error instanceof Error ? error.message : String(error),
        hint: "The app's chain configuration (MARKSPACE_RPC_URL, MARKSPACE_CHAIN_ID, deployment) needs fixing.",
      }),
    };
  }
}
