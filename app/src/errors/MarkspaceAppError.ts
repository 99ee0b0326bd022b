/**
 * Base of the app's typed errors, in the shape of viem's `BaseError` and `@markspace/ipfs`'s
 * `IpfsError`: a short message a person can act on, the details behind it and a hint of the fix.
 * The UI shows `shortMessage` first and the rest on demand.
 */
export type MarkspaceAppErrorParameters = {
  /** What went wrong in one line, naming the offending value. */
  shortMessage: string;
  details?: string | undefined;
  hint?: string | undefined;
  cause?: unknown;
};

export class MarkspaceAppError extends Error {
  override name = "MarkspaceAppError";
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly hint: string | undefined;

  constructor(params: MarkspaceAppErrorParameters) {
    const lines = [params.shortMessage];
    if (params.details) lines.push(`Details: ${params.details}`);
    if (params.hint) lines.push(`Hint: ${params.hint}`);
    super(lines.join("\n"), params.cause === undefined ? undefined : { cause: params.cause });
    this.shortMessage = params.shortMessage;
    this.details = params.details;
    this.hint = params.hint;
  }
}

/** A plain, serialisable view of any thrown value for the UI. */
export type ErrorView = { shortMessage: string; details?: string | undefined; hint?: string | undefined };

/** Turns anything thrown into what the UI shows; keeps typed errors' short message and hint. */
export function toErrorView(error: unknown): ErrorView {
  if (error instanceof Error) {
    const typed = error as Error & { shortMessage?: unknown; details?: unknown; hint?: unknown };
    if (typeof typed.shortMessage === "string") {
      return {
        shortMessage: typed.shortMessage,
        details: typeof typed.details === "string" ? typed.details : undefined,
        hint: typeof typed.hint === "string" ? typed.hint : undefined,
      };
    }
    return { shortMessage: error.message };
  }
  return { shortMessage: String(error) };
}
