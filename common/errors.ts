/**
 * The one error base class of every Markspace package (contracts helpers, IPFS, subgraph host,
 * scripts, app), in the shape of viem's `BaseError`: a short message a person can act on and
 * that names the offending value, the details behind it, a hint of the fix and an optional
 * machine-readable code. Browser-safe: no Node imports.
 *
 *   throw new MarkspaceError({ shortMessage: `Port ${port} is taken`, hint: "use --port" });
 */

export type MarkspaceErrorParameters = {
  /** What went wrong in one line, naming the offending value. */
  shortMessage: string;
  /** More context: the server's answer, the expected and the actual values. */
  details?: string | undefined;
  /** How to fix it, when there is an obvious way. */
  hint?: string | undefined;
  cause?: unknown;
};

export class MarkspaceError extends Error {
  override name = "MarkspaceError";
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly hint: string | undefined;

  constructor(params: MarkspaceErrorParameters) {
    const lines = [params.shortMessage];
    if (params.details) lines.push(`Details: ${params.details}`);
    if (params.hint) lines.push(`Hint: ${params.hint}`);
    super(lines.join("\n"), params.cause === undefined ? undefined : { cause: params.cause });
    this.shortMessage = params.shortMessage;
    this.details = params.details;
    this.hint = params.hint;
  }
}

/** A plain, serialisable view of any thrown value: what a UI or a log line shows. */
export type ErrorView = { shortMessage: string; details?: string | undefined; hint?: string | undefined };

/** Turns anything thrown into its view; keeps typed errors' short message, details and hint. */
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

/** The first line of an error's message: enough for a log line or a retry notice. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0] ?? text;
}
