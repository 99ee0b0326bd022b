/** Helpers for this package's tests: a node on random loopback ports in a fresh temp directory. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
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
