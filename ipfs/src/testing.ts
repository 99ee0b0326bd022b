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

/**
 * Writes raw bytes to the server behind `baseUrl` and resolves with its answer once a whole
 * response (by Content-Length) has arrived or the server closed the connection. For requests
 * `fetch` will not send: cut bodies, bad framing, huge headers.
 */
export function rawHttp(
  baseUrl: string,
  chunks: Array<string | Uint8Array>,
  { endAfterWrite = false }: { endAfterWrite?: boolean } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ""), port: Number(port) });
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(parseRawResponse(received));
    };
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const parsed = parseRawResponse(received);
      const length = Number(parsed.headers["content-length"] ?? Number.NaN);
      if (Number.isFinite(length) && Buffer.byteLength(parsed.body) >= length) finish();
    });
    socket.on("close", finish);
    socket.on("error", (error) => (received.length > 0 ? finish() : reject(error)));
    socket.on("connect", () => {
      for (const chunk of chunks) socket.write(chunk);
      if (endAfterWrite) socket.end();
    });
  });
}

function parseRawResponse(bytes: Buffer): RawResponse {
  const text = bytes.toString("utf8");
  const split = text.indexOf("\r\n\r\n");
  if (split < 0) return { status: undefined, headers: {}, body: "" };
  const [statusLine = "", ...headerLines] = text.slice(0, split).split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(" ")[1]), headers, body: text.slice(split + 4) };
}

/** Opens a connection, sends `chunks`, and leaves it open: the caller ends or destroys it. */
export async function openRawUpload(baseUrl: string, chunks: Array<string | Uint8Array>): Promise<Socket> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect({ host: hostname.replace(/^\[|\]$/g, ""), port: Number(port) });
  socket.on("error", () => {}); // the server may close it first; the test looks at the server
  await new Promise<void>((resolve) => socket.once("connect", resolve));
  for (const chunk of chunks) socket.write(chunk);
  return socket;
}
