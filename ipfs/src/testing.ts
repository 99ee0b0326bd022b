/** Helpers for this package's tests: a node on random loopback ports in a fresh temp directory. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { connect, type Socket } from "node:net";
import { join } from "node:path";
import { startIpfsNode, type IpfsNode, type StartIpfsNodeParameters } from "./node.ts";

export async function makeTempDir(prefix = "markspace-ipfs-"): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Starts a node on 127.0.0.1 with ports chosen by the OS. */
export function startTestNode(dataDir: string, options: Partial<StartIpfsNodeParameters> = {}): Promise<IpfsNode> {
  return startIpfsNode({ dataDir, apiPort: 0, gatewayPort: 0, host: "127.0.0.1", ...options });
}

/** Posts files to `/api/v0/add` the way Kubo clients do and returns the parsed NDJSON lines. */
export async function kuboAdd(
  apiUrl: string,
  files: Array<{ name: string; bytes: Uint8Array; type?: string }>,
  query: Record<string, string> = {},
): Promise<{ status: number; lines: Array<Record<string, unknown>>; contentType: string | null }> {
  const form = new FormData();
  for (const file of files) {
    const content = new Uint8Array(file.bytes.length);
    content.set(file.bytes);
    form.append("file", new Blob([content], { type: file.type ?? "application/octet-stream" }), file.name);
  }
  const response = await fetch(`${apiUrl}/api/v0/add?${new URLSearchParams(query)}`, { method: "POST", body: form });
  const text = await response.text();
  const lines = text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { status: response.status, lines, contentType: response.headers.get("content-type") };
}

/** A Kubo-style multipart body for `files`, built by hand so tests can cut or corrupt it. */
export function multipartBody(
  files: Array<{ name: string; bytes: Uint8Array | string; type?: string }>,
  boundary = "----markspace-test-boundary",
): { body: Buffer; contentType: string } {
  const parts: Buffer[] = [];
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(file.name)}"\r\n` +
          `Content-Type: ${file.type ?? "application/octet-stream"}\r\n\r\n`,
      ),
      Buffer.from(file.bytes),
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export type RawResponse = { status: number | undefined; headers: Record<string, string>; body: string };

export type RawConnection = {
  socket: Socket;
  /** Resolves with the server's answer once a whole response (by Content-Length) arrived or the connection closed. */
  response: Promise<RawResponse>;
};

/**
 * Opens a connection to the server behind `baseUrl` and writes raw bytes to it, for requests
 * `fetch` will not send: cut bodies, bad framing, huge headers, uploads left hanging. The caller
 * may write more, end or destroy the socket.
 */
export async function rawConnection(baseUrl: string, chunks: Array<string | Uint8Array> = []): Promise<RawConnection> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect({ host: hostname.replace(/^\[|\]$/g, ""), port: Number(port) });
  let received = Buffer.alloc(0);
  const response = new Promise<RawResponse>((resolve) => {
    const finish = () => {
      socket.destroy();
      const { status, headers, body } = parseRawResponse(received);
      resolve({ status, headers, body });
    };
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (parseRawResponse(received).complete) finish();
    });
    socket.on("close", finish);
    socket.on("error", () => {}); // the server may close first; the answer so far is what counts
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  for (const chunk of chunks) socket.write(chunk);
  return { socket, response };
}

/** Sends one raw request and waits for the answer. */
export async function rawHttp(baseUrl: string, chunks: Array<string | Uint8Array>): Promise<RawResponse> {
  return (await rawConnection(baseUrl, chunks)).response;
}

/** The head of a POST to `path` on `baseUrl` with the given extra header lines. */
export function rawPostHead(baseUrl: string, path: string, headers: Record<string, string | number>): string {
  const lines = [`POST ${path} HTTP/1.1`, `Host: ${new URL(baseUrl).host}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join("\r\n")}\r\n\r\n`;
}

function parseRawResponse(bytes: Buffer): RawResponse & { complete: boolean } {
  const split = bytes.indexOf("\r\n\r\n");
  if (split < 0) return { status: undefined, headers: {}, body: "", complete: false };
  const [statusLine = "", ...headerLines] = bytes.subarray(0, split).toString("latin1").split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const status = Number(statusLine.split(" ")[1]);
  let body = bytes.subarray(split + 4);
  let complete = false;
  if (headers["transfer-encoding"] === "chunked") {
    const pieces: Buffer[] = [];
    for (;;) {
      const lineEnd = body.indexOf("\r\n");
      if (lineEnd < 0) break;
      const size = Number.parseInt(body.subarray(0, lineEnd).toString("latin1"), 16);
      if (size === 0) {
        complete = true;
        break;
      }
      if (body.length < lineEnd + 2 + size + 2) break;
      pieces.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
      body = body.subarray(lineEnd + 2 + size + 2);
    }
    body = Buffer.concat(pieces);
  } else if (headers["content-length"] !== undefined) {
    complete = body.length >= Number(headers["content-length"]);
  }
  return { status, headers, body: body.toString("utf8"), complete };
}

/** Collects unhandled promise rejections from now until `stop()`, which returns them. */
export function watchUnhandledRejections(): { stop: () => Promise<unknown[]> } {
  const seen: unknown[] = [];
  const onRejection = (reason: unknown) => seen.push(reason);
  process.on("unhandledRejection", onRejection);
  return {
    stop: async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      process.off("unhandledRejection", onRejection);
      return seen;
    },
  };
}
