/**
 * Reads a request body of at most `limit` bytes. A declared `Content-Length` over the limit is
 * refused before a byte is read; a body without one (chunked) is counted as it streams and cut
 * off at the limit, so an oversized upload never sits whole in memory.
 */

export class RequestBodyTooLargeError extends Error {
  override name = "RequestBodyTooLargeError";
  constructor(
    readonly limit: number,
    readonly declared: number | undefined,
  ) {
    super(
      declared === undefined
        ? `The request body is over the limit of ${limit} bytes`
        : `The request body is ${declared} bytes, over the limit of ${limit} bytes`,
    );
  }
}

export async function readLimitedBody(request: Request, limit: number): Promise<Uint8Array> {
  const length = request.headers.get("content-length");
  const declared = length !== null && /^\d+$/.test(length) ? Number(length) : undefined;
  if (declared !== undefined && declared > limit) throw new RequestBodyTooLargeError(limit, declared);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw new RequestBodyTooLargeError(limit, declared);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
