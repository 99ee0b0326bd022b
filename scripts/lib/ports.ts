import { MarkspaceError } from "@markspace/common/errors";
import { createServer } from "node:net";

/** Thrown when a port the stack needs is already in use. */
export class PortInUseError extends MarkspaceError {
  override name = "PortInUseError";
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super({ shortMessage: message, ...options });
  }
}

/** Resolves when `port` on `host` can be bound; rejects with a message naming the service and a fix. */
export async function assertPortFree(port: number, host: string, service: string, flag: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(
          new PortInUseError(
            `Port ${port} on ${host} is taken, so the ${service} cannot start. Stop whatever uses it, or choose another port with ${flag}.`,
          ),
        );
      } else reject(error);
    });
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

/** Asks the OS for a free port on `host`. */
export async function findFreePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
