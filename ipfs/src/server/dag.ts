/**
 * Block-level reads over the node's blockstore, always offline: whole blocks, the cumulative
 * size Kubo reports, and a depth-first walk for CAR export. Understands raw and dag-pb blocks.
 */
import { CarWriter } from "@ipld/car";
import * as dagPb from "@ipld/dag-pb";
import type { Helia } from "helia";
import type { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { identity } from "multiformats/hashes/identity";

export type BlockSource = Pick<Helia["blockstore"], "get">;
type ReadOptions = { signal?: AbortSignal };

/** Errors that mean "this node does not have the content" rather than "something broke". */
const NOT_FOUND_ERRORS = new Set(["BlockNotFoundWhileOfflineError", "NotFoundError", "DoesNotExistError"]);

export function isNotFound(error: unknown): boolean {
  return error instanceof Error && NOT_FOUND_ERRORS.has(error.name);
}

/** One whole block, from the local store only. */
export async function getBlock(blockstore: BlockSource, cid: CID, options: ReadOptions = {}): Promise<Uint8Array> {
  if (cid.multihash.code === identity.code) return cid.multihash.digest;
  const chunks: Uint8Array[] = [];
  for await (const chunk of blockstore.get(cid, { ...options, offline: true } as never)) chunks.push(chunk);
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  return Buffer.concat(chunks);
}

/** Kubo's `Size`: the block's own length plus the cumulative sizes its links declare. */
export async function cumulativeSize(blockstore: BlockSource, cid: CID, options: ReadOptions = {}): Promise<number> {
  const bytes = await getBlock(blockstore, cid, options);
  if (cid.code !== dagPb.code) return bytes.length;
  const node = dagPb.decode(bytes);
  return node.Links.reduce((sum, link) => sum + (link.Tsize ?? 0), bytes.length);
}

/** Every block of the DAG under `root`, depth first, each once. */
export async function* walkDag(
  blockstore: BlockSource,
  root: CID,
  options: ReadOptions = {},
): AsyncGenerator<{ cid: CID; bytes: Uint8Array }> {
  const seen = new Set<string>();
  const stack: CID[] = [root];
  while (stack.length > 0) {
    const cid = stack.pop() as CID;
    const key = cid.toString();
    if (seen.has(key)) continue;
    seen.add(key);
    const bytes = await getBlock(blockstore, cid, options);
    yield { cid, bytes };
    if (cid.code === dagPb.code) {
      const links = dagPb.decode(bytes).Links;
      for (let i = links.length - 1; i >= 0; i--) stack.push((links[i] as dagPb.PBLink).Hash);
    } else if (cid.code !== raw.code) {
      throw new UnsupportedCodecError(cid);
    }
  }
}

export class UnsupportedCodecError extends Error {
  override name = "UnsupportedCodecError";
  constructor(readonly cid: CID) {
    super(`cannot walk ${cid}: codec 0x${cid.code.toString(16)} is neither raw nor dag-pb`);
  }
}

/**
 * A CARv1 stream of the DAG under `root`. The first block is read before returning, so a
 * missing root fails before any response is sent; later failures end the stream with an error.
 */
export async function carStream(
  blockstore: BlockSource,
  root: CID,
  options: ReadOptions = {},
): Promise<AsyncIterable<Uint8Array>> {
  const blocks = walkDag(blockstore, root, options);
  const first = await blocks.next();
  const { writer, out } = CarWriter.create([root]);
  const fill = (async () => {
    if (!first.done) await writer.put(first.value);
    for await (const block of blocks) await writer.put(block);
  })();
  let failure: unknown;
  const done = fill.then(
    () => writer.close(),
    async (error: unknown) => {
      failure = error;
      await writer.close();
    },
  );
  return (async function* () {
    yield* out;
    await done;
    if (failure) throw failure;
  })();
}
