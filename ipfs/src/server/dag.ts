/**
 * Block-level reads over the node's blockstore, always offline: whole blocks, a depth-first walk
 * of a DAG, and CAR export. Understands raw and dag-pb blocks, the two codecs `add` writes.
 */
import * as dagPb from "@ipld/dag-pb";
import * as CarBufferWriter from "@ipld/car/buffer-writer";
import type { Helia } from "helia";
import { varint } from "multiformats";
import type { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { identity } from "multiformats/hashes/identity";
import { IpfsError } from "../errors.ts";

export type BlockSource = Pick<Helia["blockstore"], "get">;
type ReadOptions = { signal?: AbortSignal | undefined };

/** Errors that mean "this node does not have the content" rather than "something broke". */
const NOT_FOUND_ERRORS = new Set(["BlockNotFoundWhileOfflineError", "NotFoundError", "DoesNotExistError"]);

export function isNotFound(error: unknown): boolean {
  return error instanceof Error && NOT_FOUND_ERRORS.has(error.name);
}

/** A DAG holds a block of a codec this node cannot follow links through. */
export class UnsupportedCodecError extends IpfsError {
  override name = "UnsupportedCodecError";
  constructor(readonly cid: CID) {
    super({
      shortMessage: `cannot walk ${cid}: codec 0x${cid.code.toString(16)} is neither raw nor dag-pb`,
      hint: "this node stores and serves raw and dag-pb DAGs only (what add writes)",
    });
  }
}

/** One whole block, from the local store only. */
export async function getBlock(blockstore: BlockSource, cid: CID, options: ReadOptions = {}): Promise<Uint8Array> {
  if (cid.multihash.code === identity.code) return cid.multihash.digest;
  const chunks: Uint8Array[] = [];
  for await (const chunk of blockstore.get(cid, { ...options, offline: true } as never)) chunks.push(chunk);
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  return Buffer.concat(chunks);
}

export type DagNode = { cid: CID; bytes: Uint8Array; depth: number; path: CID[] };

/**
 * Every block of the DAG under `root` down to `maxDepth` (the root is depth 0), depth first,
 * each once. A missing block or an unsupported codec fails the walk where it is met; nothing
 * runs in the background, so stopping the iteration stops the reads.
 */
export async function* walkDag(
  blockstore: BlockSource,
  root: CID,
  options: ReadOptions & { maxDepth?: number } = {},
): AsyncGenerator<DagNode> {
  const maxDepth = options.maxDepth ?? Infinity;
  const seen = new Set<string>();
  const stack: Array<{ cid: CID; depth: number; path: CID[] }> = [{ cid: root, depth: 0, path: [root] }];
  while (stack.length > 0) {
    const { cid, depth, path } = stack.pop() as { cid: CID; depth: number; path: CID[] };
    const key = cid.toString();
    if (seen.has(key)) continue;
    seen.add(key);
    if (cid.code !== dagPb.code && cid.code !== raw.code) throw new UnsupportedCodecError(cid);
    options.signal?.throwIfAborted();
    const bytes = await getBlock(blockstore, cid, options);
    if (cid.code === dagPb.code && depth < maxDepth) {
      const links = dagPb.decode(bytes).Links;
      for (let i = links.length - 1; i >= 0; i--) {
        const child = (links[i] as dagPb.PBLink).Hash;
        stack.push({ cid: child, depth: depth + 1, path: [...path, child] });
      }
    }
    yield { cid, bytes, depth, path };
  }
}

/**
 * A CARv1 stream of the DAG under `root`. The root block is read before returning, so a missing
 * root fails before any response is sent; a later failure ends the stream with that error.
 */
export async function carStream(
  blockstore: BlockSource,
  root: CID,
  options: ReadOptions & { maxDepth?: number } = {},
): Promise<AsyncIterable<Uint8Array>> {
  const blocks = walkDag(blockstore, root, options);
  const first = await blocks.next();
  const header = CarBufferWriter.createWriter(new ArrayBuffer(CarBufferWriter.headerLength({ roots: [root] })), {
    roots: [root],
  }).close();
  return (async function* () {
    yield header;
    if (first.done) return;
    yield carSection(first.value);
    for await (const block of blocks) yield carSection(block);
  })();
}

/** One CAR section: varint(length of CID + block) ‖ CID ‖ block. */
function carSection({ cid, bytes }: { cid: CID; bytes: Uint8Array }): Uint8Array {
  const length = cid.bytes.length + bytes.length;
  const prefix = varint.encodingLength(length);
  const section = new Uint8Array(prefix + length);
  varint.encodeTo(length, section, 0);
  section.set(cid.bytes, prefix);
  section.set(bytes, prefix + cid.bytes.length);
  return section;
}
