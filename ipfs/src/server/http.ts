/** Small node:http helpers shared by the gateway and the RPC API: listening, bad requests, ranges. */
import { maxHeaderSize, STATUS_CODES, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { IpfsNodeError, IpfsPortInUseError } from "../errors.ts";

/** Starts listening and resolves with the bound port; a taken port becomes `IpfsPortInUseError`. */
export function listen(server: Server, port: number, host: string, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (error.code === "EADDRINUSE") reject(new IpfsPortInUseError(what, host, port, error));
      else
        reject(
          new IpfsNodeError({
            shortMessage: `Cannot start the IPFS ${what} on ${host}:${port}`,
            details: error.message,
          }),
        );
    };
    const onListening = () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/** Closes a server, dropping idle keep-alive connections so it does not linger. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeIdleConnections();
    // Streams a client left half-read must not keep the process alive on stop.
    setTimeout(() => server.closeAllConnections(), 1000).unref();
  });
}

/** A base URL for a bound address; wildcard hosts are reached through loopback. */
export function urlFor(host: string, port: number): string {
  const reachable = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
}

/** How a server formats an error body: Kubo JSON for the API, plain text for the gateway. */
export type ErrorBody = (status: number, message: string) => { contentType: string; body: string };

/**
 * Answers requests node:http cannot parse (headers over the size limit, malformed request
 * lines, a body framed two ways, a request that took too long) with a status and a readable
 * body in the server's own format, then closes the connection. Node would otherwise send a
 * bare status line, or nothing.
 */
export function answerClientErrors(server: Server, format: ErrorBody): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    const inProgress = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === "ECONNRESET" || !socket.writable || inProgress?.headersSent) {
      socket.destroy();
      return;
    }
    const [status, message] = describeClientError(error);
    const { contentType, body } = format(status, message);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${contentType}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

function describeClientError(error: NodeJS.ErrnoException): [number, string] {
  switch (error.code) {
    case "HPE_HEADER_OVERFLOW":
      return [431, `request headers exceed the ${maxHeaderSize}-byte limit`];
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return [408, "the request was not received in time"];
    default:
      return [400, `malformed HTTP request: ${error.message}`];
  }
}

export type ByteRange = { start: number; end: number };

/**
 * Parses a single `Range: bytes=…` header against a size. Returns undefined to serve the whole
 * body (no header, several ranges, or a unit we do not know), or "unsatisfiable" for 416.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | "unsatisfiable" | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return undefined;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return "unsatisfiable";
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return "unsatisfiable";
  return { start, end };
}
