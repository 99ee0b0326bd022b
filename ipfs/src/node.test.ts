import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { IpfsNodeError, IpfsPortInUseError } from "./errors.ts";
import { startIpfsNode } from "./node.ts";
import { kuboAdd, makeTempDir, startTestNode } from "./testing.ts";

describe("startIpfsNode", () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  it("listens on the loopback ports it reports and stops cleanly", async () => {
    const node = await startTestNode(dir.path);
    expect(node.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(node.gatewayUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(node.apiUrl).not.toBe(node.gatewayUrl);
    expect((await fetch(`${node.apiUrl}/api/v0/version`, { method: "POST" })).status).toBe(200);
    expect((await fetch(`${node.gatewayUrl}/`)).status).toBe(200);
    await node.stop();
    await expect(fetch(`${node.gatewayUrl}/`)).rejects.toThrow();
    await node.stop(); // a second stop is harmless
  });

  it("keeps content, pins and its peer ID across a restart", async () => {
    const first = await startTestNode(dir.path);
    const bytes = new TextEncoder().encode("still here after a restart");
    const { lines } = await kuboAdd(first.apiUrl, [{ name: "note.txt", bytes }], { "cid-version": "1" });
    const cid = String(lines[0]?.Hash);
    const peerId = first.identity.peerId;
    await first.stop();

    const second = await startTestNode(dir.path);
    try {
      const response = await fetch(`${second.gatewayUrl}/ipfs/${cid}`);
      expect(response.status).toBe(200);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
      expect(second.identity.peerId).toBe(peerId);
      const pinned: string[] = [];
      for await (const pin of second.helia.pins.ls()) pinned.push(pin.cid.toString());
      expect(pinned).toContain(cid);
    } finally {
      await second.stop();
    }
  });

  it("refuses a second node on the same data directory", async () => {
    const node = await startTestNode(dir.path);
    try {
      await expect(startTestNode(dir.path)).rejects.toThrow(/in use by process/);
    } finally {
      await node.stop();
    }
    const again = await startTestNode(dir.path); // the lock is released on stop
    await again.stop();
  });

  describe("when a port is taken", () => {
    let blocker: Server;
    let port: number;
    beforeEach(async () => {
      blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
      port = (blocker.address() as AddressInfo).port;
    });
    afterEach(async () => {
      await new Promise((resolve) => blocker.close(resolve));
    });

    it("refuses to start, naming the gateway port", async () => {
      const error = await startTestNode(dir.path, { gatewayPort: port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IpfsPortInUseError);
      expect((error as Error).message).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect((error as Error).message).toContain("gateway");
    });

    it("refuses to start, naming the API port, and releases the gateway port it had taken", async () => {
      const error = await startTestNode(dir.path, { apiPort: port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IpfsPortInUseError);
      expect((error as Error).message).toContain(`RPC API: port ${port}`);
      const node = await startTestNode(dir.path); // data dir lock and stores were released
      await node.stop();
    });
  });

  it("rejects invalid options with the field named", async () => {
    await expect(startIpfsNode({ dataDir: dir.path, apiPort: 70000, gatewayPort: 0 })).rejects.toThrow(IpfsNodeError);
    await expect(startIpfsNode({ dataDir: dir.path, apiPort: 70000, gatewayPort: 0 })).rejects.toThrow(/apiPort/);
  });
});
