/**
 * The multi-block half of `fetchVerifiedContent`: a UnixFS file (dag-pb root) fetched as one
 * trustless CAR, every block hashed against its CID as it streams in and accepted only when the
 * root or a verified block links to it, then reassembled by `ipfs-unixfs-exporter` from the
 * verified blocks alone.
 */
import { CarBlockIterator } from "@ipld/car/iterator";
import * as dagPb from "@ipld/dag-pb";
import { UnixFS } from "ipfs-unixfs";
import { exporter } from "ipfs-unixfs-exporter";
import type { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { IpfsContentTooLargeError, IpfsUnsupportedCidError, IpfsVerificationError } from "@markspace/ipfs/errors";
import { bodyChunks, request, verifyBlock, type FetchVerifiedContentOptions } from "./fetchVerifiedContent.ts";

/** CAR framing (header, varints and CIDs) adds a little to the content; allow this much on top. */
const CAR_OVERHEAD_BYTES = 64 * 1024;

export async function fetchCarFile(
  gatewayUrl: string,
  root: CID,
  options: FetchVerifiedContentOptions,
): Promise<Uint8Array> {
  const name = root.toString();
  const url = `${gatewayUrl.replace(/\/+$/, "")}/ipfs/${name}?format=car&dag-scope=all`;
  const response = await request(url, "application/vnd.ipld.car", options);
  const maxCarBytes = options.maxBytes + CAR_OVERHEAD_BYTES + options.maxBytes / 64;
  let carBytes = 0;
  const limited = (async function* () {
    for await (const chunk of bodyChunks(response)) {
      carBytes += chunk.length;
      if (carBytes > maxCarBytes) throw new IpfsContentTooLargeError(name, options.maxBytes);
      yield chunk;
    }
  })();

  let blocks: CarBlockIterator;
  try {
    blocks = await CarBlockIterator.fromIterable(limited);
  } catch (error) {
    if (error instanceof IpfsContentTooLargeError) throw error;
    throw new IpfsVerificationError(name, `the gateway's answer is not a CAR: ${(error as Error).message}`);
  }
  const roots = await blocks.getRoots();
  if (!roots.some((candidate) => candidate.equals(root))) {
    throw new IpfsVerificationError(name, `the CAR's roots (${roots.join(", ") || "none"}) do not include it`);
  }

  const verified = new Map<string, Uint8Array>();
  const expected = new Set<string>([root.toString()]);
  let total: number | undefined;
  let received = 0;
  try {
    for await (const block of blocks) {
      const key = block.cid.toString();
      if (verified.has(key)) continue;
      if (!expected.has(key)) {
        throw new IpfsVerificationError(name, `the CAR holds block ${key}, which no verified block links to`);
      }
      await verifyBlock(block.cid, block.bytes);
      verified.set(key, block.bytes);
      if (block.cid.code === dagPb.code) {
        const node = decodeDagPb(name, block.cid, block.bytes);
        for (const link of node.Links) expected.add(link.Hash.toString());
        const unixfs = node.Data ? decodeUnixFs(name, block.cid, node.Data) : undefined;
        if (block.cid.equals(root)) {
          if (!unixfs || (unixfs.type !== "file" && unixfs.type !== "raw")) {
            throw new IpfsUnsupportedCidError(
              name,
              `it is a UnixFS ${unixfs?.type ?? "node without data"}, not a file`,
            );
          }
          total = Number(unixfs.fileSize());
          if (total > options.maxBytes) throw new IpfsContentTooLargeError(name, options.maxBytes, total);
        }
        received += unixfs?.data?.length ?? 0;
      } else if (block.cid.code === raw.code) {
        received += block.bytes.length;
      } else {
        throw new IpfsUnsupportedCidError(key, `codec 0x${block.cid.code.toString(16)} is not part of a UnixFS file`);
      }
      if (received > options.maxBytes) throw new IpfsContentTooLargeError(name, options.maxBytes);
      options.onProgress?.({ received, total });
    }
  } catch (error) {
    await limited.return(undefined).catch(() => {});
    if (error instanceof Error && error.name.startsWith("Ipfs")) throw error;
    throw new IpfsVerificationError(name, `the CAR could not be read: ${(error as Error).message}`);
  }

  // Reassemble from the verified blocks only; a block the gateway left out fails here.
  const store = {
    async *get(cid: CID): AsyncGenerator<Uint8Array> {
      const bytes = verified.get(cid.toString());
      if (!bytes) throw new IpfsVerificationError(name, `the gateway's CAR lacks block ${cid}`);
      yield bytes;
    },
  };
  const entry = await exporter(root, store, { signal: options.signal });
  if (entry.type !== "file" && entry.type !== "raw") {
    throw new IpfsUnsupportedCidError(name, `it is a UnixFS ${entry.type}, not a file`);
  }
  const size = Number(entry.size);
  if (size > options.maxBytes) throw new IpfsContentTooLargeError(name, options.maxBytes, size);
  const bytes = new Uint8Array(size);
  let offset = 0;
  for await (const chunk of entry.content({ signal: options.signal })) {
    if (offset + chunk.length > size) throw new IpfsVerificationError(name, "the file is longer than its root says");
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  if (offset !== size) throw new IpfsVerificationError(name, `the file ended after ${offset} of ${size} bytes`);
  options.onProgress?.({ received: size, total: size });
  return bytes;
}

function decodeDagPb(root: string, cid: CID, bytes: Uint8Array): dagPb.PBNode {
  try {
    return dagPb.decode(bytes);
  } catch (error) {
    throw new IpfsVerificationError(root, `block ${cid} is not dag-pb: ${(error as Error).message}`);
  }
}

function decodeUnixFs(root: string, cid: CID, data: Uint8Array): UnixFS {
  try {
    return UnixFS.unmarshal(data);
  } catch (error) {
    throw new IpfsVerificationError(root, `block ${cid} holds no UnixFS data: ${(error as Error).message}`);
  }
}
