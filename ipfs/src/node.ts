/**
 * The embedded IPFS node of the local stack: a Helia node with no networking at all (no libp2p,
 * no routers, no block brokers) over a file-system blockstore and datastore, plus two HTTP
 * servers — a path gateway and a Kubo-RPC-compatible API. Anything that speaks to Kubo can
 * speak to it; anything that needs the real IPFS network should use a real Kubo node instead.
 */
import { createServer } from "node:http";
import { mkdir, open, readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { unixfs } from "@helia/unixfs";
import { FsBlockstore } from "blockstore-fs";
import { FsDatastore } from "datastore-fs";
import { createHeliaLight, type Helia } from "helia";
import { z } from "zod";
import { IpfsNodeError } from "./errors.ts";
import { createAddLimiter } from "./server/add-limiter.ts";
import { createGatewayHandler } from "./server/gateway.ts";
import { createHostCheck } from "./server/host-check.ts";
import { answerClientErrors, close, listen, urlFor } from "./server/http.ts";
import { loadOrCreateIdentity, type NodeIdentity } from "./server/identity.ts";
import { QuotaStore } from "./server/quota-store.ts";
import { createRpcApiHandler, kuboErrorBody } from "./server/rpc-api.ts";
import { KuboErrorCode } from "./server/rpc-error.ts";

const port = z.number().int().min(0).max(65535);
const positive = z.number().int().positive();

/** Defaults of the limits, shared with the CLI's help text. */
export const IPFS_NODE_DEFAULTS = {
  maxRequestBytes: 64 * 1024 * 1024,
  maxConcurrentAdds: 4,
  maxQueuedAdds: 32,
  maxStorageBytes: 10 * 1024 * 1024 * 1024,
  uploadIdleTimeoutMs: 30_000,
} as const;

export const ipfsNodeOptionsSchema = z.object({
  /** Where blocks, pins and the node identity live; created if missing, kept across restarts. */
  dataDir: z.string().min(1),
  /** Kubo RPC API port (Kubo's default is 5001); 0 picks a free one. */
  apiPort: port.default(5001),
  /** Path gateway port (Kubo's default is 8080); 0 picks a free one. */
  gatewayPort: port.default(8080),
  /** Interface both servers bind to. */
  host: z.string().min(1).default("127.0.0.1"),
  /** Largest request body the API accepts (an `add` upload), in bytes. */
  maxRequestBytes: positive.default(IPFS_NODE_DEFAULTS.maxRequestBytes),
  /** How many adds read their uploads at once. */
  maxConcurrentAdds: positive.default(IPFS_NODE_DEFAULTS.maxConcurrentAdds),
  /** How many more adds may wait for a turn; past that an add is answered 503 at once. */
  maxQueuedAdds: z.number().int().min(0).default(IPFS_NODE_DEFAULTS.maxQueuedAdds),
  /** Total bytes the blockstore may hold; an add that would pass it is refused (507). */
  maxStorageBytes: positive.default(IPFS_NODE_DEFAULTS.maxStorageBytes),
  /** An upload that sends no byte for this long is dropped (408). */
  uploadIdleTimeoutMs: positive.default(IPFS_NODE_DEFAULTS.uploadIdleTimeoutMs),
  /**
   * Extra `Host` names the API answers besides localhost, 127.0.0.1, [::1] and `host`
   * (DNS-rebinding protection), e.g. a name a reverse proxy forwards.
   */
  apiAllowedHosts: z.array(z.string().min(1)).default([]),
});

export type StartIpfsNodeParameters = z.input<typeof ipfsNodeOptionsSchema>;

export type IpfsNode = {
  /** Base URL of the Kubo RPC API, e.g. `http://127.0.0.1:5001` (commands under `/api/v0/`). */
  apiUrl: string;
  /** Base URL of the path gateway, e.g. `http://127.0.0.1:8080` (content under `/ipfs/<cid>`). */
  gatewayUrl: string;
  helia: Helia;
  identity: NodeIdentity;
  /** Closes both servers and the stores; safe to call twice. */
  stop(): Promise<void>;
};

/** Starts the node and both servers; rejects with a typed error naming the port if one is taken. */
export async function startIpfsNode(options: StartIpfsNodeParameters): Promise<IpfsNode> {
  const parsed = ipfsNodeOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new IpfsNodeError({ shortMessage: "Invalid IPFS node options", details: issues.join("; ") });
  }
  const config = parsed.data;
  const dataDir = resolve(config.dataDir);
  await mkdir(dataDir, { recursive: true });
  const releaseLock = await lockDataDir(dataDir);

  const cleanups: Array<() => Promise<unknown>> = [releaseLock];
  const runCleanups = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  };
  try {
    const blockstore = new FsBlockstore(join(dataDir, "blocks"));
    const datastore = new FsDatastore(join(dataDir, "datastore"));
    await blockstore.open();
    cleanups.push(() => blockstore.close());
    await datastore.open();
    cleanups.push(() => datastore.close());
    // createHeliaLight: no libp2p, routers or block brokers, so a missing block fails at once.
    const helia = await createHeliaLight({ blockstore, datastore }).start();
    cleanups.push(() => helia.stop());
    const identity = await loadOrCreateIdentity(dataDir);
    const fs = unixfs(helia);

    const quota = await QuotaStore.open(blockstore, join(dataDir, "blocks"), config.maxStorageBytes);

    const gateway = createServer(createGatewayHandler({ helia, fs }));
    answerClientErrors(gateway, (_status, message) => ({
      contentType: "text/plain; charset=utf-8",
      body: `${message}\n`,
    }));
    const api = createServer(
      createRpcApiHandler({
        helia,
        fs,
        identity,
        quota,
        addLimiter: createAddLimiter({ concurrency: config.maxConcurrentAdds, queueLength: config.maxQueuedAdds }),
        maxRequestBytes: config.maxRequestBytes,
        uploadIdleTimeoutMs: config.uploadIdleTimeoutMs,
        isAllowedHost: createHostCheck(config.host, config.apiAllowedHosts),
      }),
    );
    answerClientErrors(api, (status, message) => ({
      contentType: "application/json",
      body: kuboErrorBody(message, status < 500 ? KuboErrorCode.Client : KuboErrorCode.Normal),
    }));
    const gatewayPort = await listen(gateway, config.gatewayPort, config.host, "gateway");
    cleanups.push(() => close(gateway));
    const apiPort = await listen(api, config.apiPort, config.host, "RPC API");
    cleanups.push(() => close(api));

    return {
      apiUrl: urlFor(config.host, apiPort),
      gatewayUrl: urlFor(config.host, gatewayPort),
      helia,
      identity,
      stop: runCleanups,
    };
  } catch (error) {
    await runCleanups();
    throw error;
  }
}

/**
 * Takes `repo.lock` in the data directory so two nodes never write the same store. A lock left
 * by a process that no longer runs is taken over.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, "repo.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number((await readFile(path, "utf8").catch(() => "")).trim());
      if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
        throw new IpfsNodeError({
          shortMessage: `The IPFS data directory ${dataDir} is in use by process ${owner}`,
          hint: `Stop that node or choose another --data-dir (remove ${path} if no node is running).`,
        });
      }
      await rm(path, { force: true });
    }
  }
  throw new IpfsNodeError({ shortMessage: `Cannot lock the IPFS data directory ${dataDir}` });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
