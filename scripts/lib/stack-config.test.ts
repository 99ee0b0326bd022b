import { describe, expect, it } from "vitest";
import { resolveStackConfig, StackConfigError } from "./stack-config.ts";
import { repoRoot } from "./paths.ts";

describe("resolveStackConfig", () => {
  it("fills the embedded defaults", () => {
    const config = resolveStackConfig({});
    expect(config.ports).toEqual({ chain: 8545, ipfsApi: 5001, ipfsGateway: 8080, graphql: 8000, app: 3000 });
    expect(config.host).toBe("127.0.0.1");
    expect(config.appMode).toBe("prod");
    expect(config.dataDirAbsolute).toBe(`${repoRoot}.data`);
  });

  it("accepts ports given as strings, as flags and environment variables arrive", () => {
    expect(resolveStackConfig({ ports: { app: "3100" } }).ports.app).toBe(3100);
  });

  it("keeps an absolute data directory as given", () => {
    expect(resolveStackConfig({ dataDir: "/tmp/ms" }).dataDirAbsolute).toBe("/tmp/ms");
  });

  it("names every bad option", () => {
    expect(() => resolveStackConfig({ ports: { graphql: 70_000 }, appMode: "fast" })).toThrow(StackConfigError);
    expect(() => resolveStackConfig({ ports: { graphql: 70_000 } })).toThrow(/ports\.graphql/);
    expect(() => resolveStackConfig({ appMode: "fast" })).toThrow(/appMode \(--app-mode\)/);
    expect(() => resolveStackConfig({ ports: { app: "x" } })).toThrow(/ports\.app \(--app-port\)/);
    expect(() => resolveStackConfig({ subgraphName: "Bad Name" })).toThrow(/subgraphName/);
  });
});
