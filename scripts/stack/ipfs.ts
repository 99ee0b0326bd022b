/** The embedded IPFS node (Helia): Kubo-compatible API and path gateway, blocks in the data directory. */
import { join } from "node:path";
import { bins, tsxArgs } from "../lib/bins.ts";
import { repoRoot } from "../lib/paths.ts";
import type { StackConfig } from "../lib/stack-config.ts";
import type { Service } from "./service.ts";
import type { ServiceSpec } from "./supervisor.ts";

export function ipfsService(config: StackConfig): ServiceSpec {
  const { host, ports } = config;
  return {
    name: "ipfs",
    command: bins.node,
    args: tsxArgs(
      "ipfs/src/cli.ts",
      "--data-dir",
      join(config.dataDirAbsolute, "ipfs"),
      "--api-port",
      String(ports.ipfsApi),
      "--gateway-port",
      String(ports.ipfsGateway),
      "--host",
      host,
    ),
    cwd: repoRoot,
    ready: { readyLine: /ipfs ready: api (\S+) gateway (\S+)/ },
    // Blocks live on disk and the ports stay the same, so a restarted node serves the same content.
    restart: { policy: "on-failure" },
  };
}

export function ipfsUrls(config: StackConfig, service: Service): { api: string; gateway: string } {
  return {
    api: service.readyMatch?.[1] ?? `http://${config.host}:${config.ports.ipfsApi}`,
    gateway: service.readyMatch?.[2] ?? `http://${config.host}:${config.ports.ipfsGateway}`,
  };
}
