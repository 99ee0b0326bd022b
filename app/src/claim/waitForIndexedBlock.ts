/**
 * Waits until the subgraph has indexed `block` (its `_meta.block.number` reaches it), so a page
 * read right after shows what the transaction changed.
 */
import { MarkspaceAppError } from "../errors/MarkspaceAppError.ts";
import { fetchSubgraphMeta } from "../subgraph/subgraphClient.ts";

export class SubgraphBehindError extends MarkspaceAppError {
  override name = "SubgraphBehindError";
}

export type WaitForIndexedBlockParameters = {
  subgraphUrl: string;
  block: bigint;
  timeoutMs?: number;
  intervalMs?: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
};

export async function waitForIndexedBlock(params: WaitForIndexedBlockParameters): Promise<number> {
  const { timeoutMs = 90_000, intervalMs = 500 } = params;
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  for (;;) {
    params.signal?.throwIfAborted();
    try {
      const meta = await fetchSubgraphMeta({ url: params.subgraphUrl, signal: params.signal, fetch: params.fetch });
      if (BigInt(meta.block.number) >= params.block) return meta.block.number;
      if (meta.hasIndexingErrors) {
        throw new SubgraphBehindError({
          shortMessage: `The subgraph stopped at block ${meta.block.number} with an indexing error`,
          hint: "The claim is on chain; the list will not show it until the indexer is fixed.",
        });
      }
      last = `at block ${meta.block.number}`;
    } catch (error) {
      if (error instanceof SubgraphBehindError || params.signal?.aborted) throw error;
      last = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    }
    if (Date.now() >= deadline) {
      throw new SubgraphBehindError({
        shortMessage: `The subgraph has not indexed block ${params.block} yet (${last})`,
        hint: "The claim is on chain; it will appear in the list once the indexer catches up.",
      });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
