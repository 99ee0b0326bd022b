/**
 * Typed errors of the IPFS layer. Each carries a short message a person can act on, the
 * details behind it and, where there is one, a hint of the fix. Browser-safe: no Node imports.
 */

import { MarkspaceError, type MarkspaceErrorParameters } from "@markspace/common/errors";

export type IpfsErrorParameters = MarkspaceErrorParameters;

/** Base class of every error thrown by `@markspace/ipfs`. */
export class IpfsError extends MarkspaceError {
  override name = "IpfsError";
}

/** A string that should be a CID is not one. */
export class IpfsInvalidCidError extends IpfsError {
  override name = "IpfsInvalidCidError";
  constructor(
    readonly value: string,
    cause?: unknown,
  ) {
    super({
      shortMessage: `"${value}" is not a valid CID`,
      details: cause instanceof Error ? cause.message : undefined,
      cause,
    });
  }
}

/** A CID whose codec or hash this code cannot verify (only raw + sha2-256 single blocks are verified). */
export class IpfsUnsupportedCidError extends IpfsError {
  override name = "IpfsUnsupportedCidError";
  constructor(
    readonly cid: string,
    reason: string,
  ) {
    super({
      shortMessage: `Cannot verify ${cid}: ${reason}`,
      hint: "Add content with CIDv1, raw leaves and a 1 MiB chunker so each asset is one raw block (see ipfs/README.md).",
    });
  }
}

/** The bytes a gateway returned do not hash to the CID that was asked for. */
export class IpfsVerificationError extends IpfsError {
  override name = "IpfsVerificationError";
  constructor(
    readonly cid: string,
    details: string,
  ) {
    super({ shortMessage: `Content from the gateway does not match ${cid}`, details });
  }
}

/** Content is larger than the caller allows. */
export class IpfsContentTooLargeError extends IpfsError {
  override name = "IpfsContentTooLargeError";
  constructor(
    readonly cid: string,
    readonly maxBytes: number,
    readonly size?: number,
  ) {
    super({
      shortMessage: `${cid} is larger than the ${maxBytes}-byte limit`,
      details: size === undefined ? undefined : `${size} bytes`,
    });
  }
}

/** An HTTP request to an IPFS API or gateway failed or was answered with an error. */
export class IpfsRequestError extends IpfsError {
  override name = "IpfsRequestError";
  constructor(
    readonly url: string,
    readonly status: number | undefined,
    details: string | undefined,
    cause?: unknown,
  ) {
    super({
      shortMessage:
        status === undefined ? `Request to ${url} failed` : `Request to ${url} was answered with HTTP ${status}`,
      details,
      hint: status === undefined ? "Is the IPFS node running and the URL right?" : undefined,
      cause,
    });
  }
}

/** An IPFS API answered with something that is not what the Kubo RPC protocol promises. */
export class IpfsProtocolError extends IpfsError {
  override name = "IpfsProtocolError";
  constructor(
    readonly url: string,
    details: string,
  ) {
    super({ shortMessage: `Unexpected answer from ${url}`, details });
  }
}

/** The embedded node was given bad options or cannot start. */
export class IpfsNodeError extends IpfsError {
  override name = "IpfsNodeError";
}

/** A port the embedded node needs is already taken. */
export class IpfsPortInUseError extends IpfsNodeError {
  override name = "IpfsPortInUseError";
  constructor(
    readonly what: string,
    readonly host: string,
    readonly port: number,
    cause?: unknown,
  ) {
    super({
      shortMessage: `Cannot start the IPFS ${what}: port ${port} on ${host} is already in use`,
      hint: `Stop whatever listens on ${host}:${port} or choose another port (0 picks a free one).`,
      cause,
    });
  }
}
