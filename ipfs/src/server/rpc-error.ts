/**
 * Errors of the Kubo RPC API and the one place that turns anything thrown while serving a
 * request into Kubo's answer: `{"Message","Code","Type":"error"}` with an HTTP status.
 */
import { IpfsError } from "../errors.ts";
import { UnsupportedCodecError, isNotFound } from "./dag.ts";

/** Kubo's error codes (go-ipfs-cmds): 0 normal, 1 client (bad request), 3 not found. */
export const KuboErrorCode = { Normal: 0, Client: 1, NotFound: 3 } as const;
export type KuboErrorCode = (typeof KuboErrorCode)[keyof typeof KuboErrorCode];

export type RpcErrorParameters = {
  shortMessage: string;
  details?: string | undefined;
  hint?: string | undefined;
  code?: KuboErrorCode;
  /** HTTP status; 400 for client errors, 404 for not found, 500 otherwise unless given. */
  status?: number;
  /** Extra response headers, e.g. `Retry-After`. */
  headers?: Record<string, string>;
  cause?: unknown;
};

/** An error the API answers with. `kuboMessage` is the one-line `Message`: short[: details][; hint]. */
export class RpcError extends IpfsError {
  override name = "RpcError";
  readonly code: KuboErrorCode;
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(params: RpcErrorParameters) {
    super(params);
    this.code = params.code ?? KuboErrorCode.Normal;
    this.status =
      params.status ?? (this.code === KuboErrorCode.Client ? 400 : this.code === KuboErrorCode.NotFound ? 404 : 500);
    this.headers = params.headers ?? {};
  }

  get kuboMessage(): string {
    let message = this.shortMessage;
    if (this.details) message += `: ${this.details}`;
    if (this.hint) message += `; ${this.hint}`;
    return message;
  }
}

/** A client error (400, Code 1). */
export function clientError(shortMessage: string, extra: Omit<RpcErrorParameters, "shortMessage"> = {}): RpcError {
  return new RpcError({ shortMessage, code: KuboErrorCode.Client, ...extra });
}

/** An internal error type that knows its HTTP status (request too large, quota, queue full…). */
export interface HttpStatusError {
  readonly httpStatus: number;
  readonly retryAfterSeconds?: number;
}

function hasHttpStatus(error: unknown): error is IpfsError & HttpStatusError {
  return error instanceof IpfsError && typeof (error as Partial<HttpStatusError>).httpStatus === "number";
}

/** Names of errors from Helia and the UnixFS exporter that a request caused. */
const CLIENT_ERRORS: Record<string, string> = {
  NotUnixFSError: "not UnixFS content",
  NoResolverError: "no resolver for this codec",
  InvalidParametersError: "invalid parameters",
  NotAFileError: "not a file",
};

/** Anything thrown while serving a request → the error to answer with. */
export function toRpcError(error: unknown): RpcError {
  if (error instanceof RpcError) return error;
  if (hasHttpStatus(error)) {
    const status = error.httpStatus;
    return new RpcError({
      shortMessage: error.shortMessage,
      details: error.details,
      hint: error.hint,
      code: status === 404 ? KuboErrorCode.NotFound : status < 500 ? KuboErrorCode.Client : KuboErrorCode.Normal,
      status,
      headers: error.retryAfterSeconds === undefined ? {} : { "Retry-After": String(error.retryAfterSeconds) },
      cause: error,
    });
  }
  if (error instanceof UnsupportedCodecError) {
    return clientError(error.shortMessage, { hint: error.hint, cause: error });
  }
  const name = error instanceof Error ? error.name : "";
  const message = error instanceof Error ? error.message : String(error);
  if (name === "BlockNotFoundWhileOfflineError") {
    return new RpcError({
      shortMessage: "block was not found locally (offline)",
      hint: "this node serves only content added to it and never fetches from the IPFS network",
      code: KuboErrorCode.NotFound,
      cause: error,
    });
  }
  if (isNotFound(error) || name === "NotADirectoryError" || name === "BadPathError") {
    return new RpcError({ shortMessage: message, code: KuboErrorCode.NotFound, cause: error });
  }
  if (name in CLIENT_ERRORS) return clientError(`${CLIENT_ERRORS[name]}: ${message}`, { cause: error });
  return new RpcError({ shortMessage: message || "internal error", cause: error });
}
