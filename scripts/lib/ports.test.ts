import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { assertPortFree, findFreePort, PortInUseError } from "./ports.ts";

describe("assertPortFree", () => {
  it("passes for a free port", async () => {
    await expect(assertPortFree(await findFreePort(), "127.0.0.1", "app", "--app-port")).resolves.toBeUndefined();
  });

  it("refuses a taken port, naming the port, the service and the flag that moves it", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const attempt = assertPortFree(port, "127.0.0.1", "subgraph GraphQL server", "--graphql-port");
      await expect(attempt).rejects.toBeInstanceOf(PortInUseError);
      await expect(assertPortFree(port, "127.0.0.1", "subgraph GraphQL server", "--graphql-port")).rejects.toThrow(
        new RegExp(`Port ${port} .*subgraph GraphQL server.*--graphql-port`),
      );
    } finally {
      server.close();
    }
  });
});
