/**
 * Streams the files of a Kubo `add` upload (`multipart/form-data`, one part per file) into
 * UnixFS import candidates as the bytes arrive, without holding the body in memory. Parsing is
 * done by @fastify/busboy; this module adds what a public endpoint needs around it: a body size
 * limit, an idle timeout, and turning every way an upload can go wrong (malformed multipart,
 * truncated body, client gone) into one typed error that ends the import.
 */
import type { IncomingMessage } from "node:http";
import { Transform, type Readable } from "node:stream";
import { Busboy } from "@fastify/busboy";
import type { ImportCandidate } from "ipfs-unixfs-importer";
import { IpfsError } from "../errors.ts";
import type { HttpStatusError } from "./rpc-error.ts";

/** The body is larger than the API accepts. Answered with HTTP 413. */
export class BodyTooLargeError extends IpfsError implements HttpStatusError {
  override name = "BodyTooLargeError";
  readonly httpStatus = 413;
  constructor(readonly limit: number) {
    super({
      shortMessage: `request body exceeds the ${limit}-byte limit`,
      hint: "raise it with --max-request-bytes (maxRequestBytes in startIpfsNode)",
    });
  }
}

/** The upload cannot be read as Kubo's multipart form. Answered with HTTP 400. */
export class MultipartError extends IpfsError implements HttpStatusError {
  override name = "MultipartError";
  readonly httpStatus = 400;
  constructor(details: string, cause?: unknown) {
    super({ shortMessage: "cannot read the multipart body", details, cause });
  }
}

/** No byte arrived for too long, or the client went away mid-upload. */
export class UploadInterruptedError extends IpfsError implements HttpStatusError {
  override name = "UploadInterruptedError";
  constructor(
    readonly httpStatus: 400 | 408,
    details: string,
  ) {
    super({ shortMessage: "the upload did not complete", details });
  }
}

export type MultipartOptions = {
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** Fail when no byte arrives for this long. */
  idleTimeoutMs: number;
  /** Most parts (files and directories) in one upload. */
  maxParts?: number;
};

const DIRECTORY_TYPE = "application/x-directory";

/**
 * Checks an upload's headers and prepares its parser, throwing `MultipartError` or
 * `BodyTooLargeError` before any byte of the body is read (so an add can be refused before it
 * waits for a slot). `candidates()` then reads the body.
 */
export function openMultipart(req: IncomingMessage, options: MultipartOptions) {
  const contentType = req.headers["content-type"] ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new MultipartError(`add expects multipart/form-data with one part per file, not "${contentType}"`);
  }
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > options.maxBytes) throw new BodyTooLargeError(options.maxBytes);
  const maxParts = options.maxParts ?? 10_000;
  let parser: ReturnType<typeof Busboy>;
  try {
    parser = Busboy({
      headers: { ...req.headers, "content-type": contentType },
      preservePath: true,
      isPartAFile: () => true,
      limits: { parts: maxParts, headerPairs: 64, headerSize: 16 * 1024 },
    });
  } catch (error) {
    throw new MultipartError((error as Error).message, error);
  }
  return { candidates: () => candidates(req, parser, { ...options, maxParts }) };
}

/**
 * The candidates of one upload, in order. Each file's `content` streams from the request and
 * must be read to its end before the next candidate is asked for (the importer does so with
 * `fileImportConcurrency: 1`). Stopping the iteration early stops reading the request.
 */
async function* candidates(
  req: IncomingMessage,
  parser: ReturnType<typeof Busboy>,
  options: Required<MultipartOptions>,
): AsyncGenerator<ImportCandidate> {
  type Part = { name: string | undefined; type: string; stream: Readable };
  const parts: Part[] = [];
  let current: Readable | undefined;
  let finished = false;
  let failure: IpfsError | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };

  let received = 0;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const armIdleTimer = () => {
    clearTimeout(idle);
    idle = setTimeout(
      () =>
        fail(
          new UploadInterruptedError(408, `no bytes arrived for ${options.idleTimeoutMs} ms; the upload was dropped`),
        ),
      options.idleTimeoutMs,
    );
  };
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > options.maxBytes) return callback(new BodyTooLargeError(options.maxBytes));
      armIdleTimer();
      callback(null, chunk);
    },
  });

  const fail = (error: IpfsError) => {
    if (failure || finished) return;
    failure = error;
    clearTimeout(idle);
    req.unpipe(meter);
    meter.unpipe(parser);
    for (const stream of [current, ...parts.map((part) => part.stream)]) stream?.destroy(error);
    notify();
  };

  parser.on("file", (_field, stream, filename, _encoding, mimeType) => {
    // busboy reports a truncated part on the part's stream: it must always have a listener.
    stream.on("error", (error: unknown) => fail(asUploadError(error)));
    parts.push({ name: filename, type: mimeType, stream });
    notify();
  });
  parser.on("partsLimit", () => fail(new MultipartError(`more than ${options.maxParts} parts in one add`)));
  parser.on("error", (error: unknown) => fail(asUploadError(error)));
  parser.on("finish", () => {
    clearTimeout(idle);
    finished = true;
    notify();
  });
  meter.on("error", (error: unknown) => fail(asUploadError(error)));
  req.on("error", (error: unknown) => fail(asUploadError(error)));
  req.on("close", () => {
    if (!req.complete) fail(new UploadInterruptedError(400, "the client closed the connection before the body ended"));
  });

  armIdleTimer();
  req.pipe(meter).pipe(parser);
  try {
    for (;;) {
      if (failure) throw failure;
      const part = parts.shift();
      if (part) {
        current = part.stream;
        const path = decodeName(part.name);
        if (part.type === DIRECTORY_TYPE) {
          part.stream.resume();
          yield { path };
        } else {
          const content = readPart(part.stream, () => failure);
          yield path === "" ? { content } : { path, content };
        }
        current = undefined;
        continue;
      }
      if (finished) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    clearTimeout(idle);
    if (!finished) {
      // Stopped early (the import failed): stop reading; the caller answers and closes.
      req.unpipe(meter);
      meter.unpipe(parser);
      for (const stream of [current, ...parts.map((part) => part.stream)]) stream?.destroy();
    }
  }
}

/** A part's bytes; ends with the upload's error instead of a bare stream error. */
async function* readPart(stream: Readable, failure: () => IpfsError | undefined): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
  } catch (error) {
    throw failure() ?? asUploadError(error);
  }
  const error = failure();
  if (error) throw error;
}

function asUploadError(error: unknown): IpfsError {
  if (error instanceof IpfsError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if ((error as NodeJS.ErrnoException | undefined)?.code === "ECONNRESET") {
    return new UploadInterruptedError(400, `the client closed the connection before the body ended (${message})`);
  }
  return new MultipartError(message, error);
}

/** Kubo clients URL-encode each part's file name, which is its path in the added tree. */
function decodeName(name: string | undefined): string {
  if (name === undefined) return "";
  let decoded: string;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    decoded = name;
  }
  const segments = decoded.split("/").filter((segment) => segment !== "");
  if (segments.some((segment) => segment === "." || segment === "..")) {
    throw new MultipartError(`file name "${decoded}" has a "." or ".." segment`);
  }
  return segments.join("/");
}
