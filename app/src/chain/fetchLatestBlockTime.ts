/**
 * The latest block's timestamp (unix seconds) from a JSON-RPC endpoint: one `eth_getBlockByNumber`
 * over plain `fetch`, so pages that only need the chain's clock don't load the wallet stack.
 */
export type FetchLatestBlockTimeParameters = {
  rpcUrl: string;
  signal?: AbortSignal | undefined;
  fetch?: typeof fetch;
};

export async function fetchLatestBlockTime({
  rpcUrl,
  signal,
  fetch: doFetch = fetch,
}: FetchLatestBlockTimeParameters): Promise<bigint> {
  const response = await doFetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getBlockByNumber", params: ["latest", false] }),
    signal,
    cache: "no-store",
  });
  if (!response.ok) throw new Error(`JSON-RPC ${rpcUrl} answered HTTP ${response.status}`);
  const body = (await response.json()) as { result?: { timestamp?: string } | null; error?: { message?: string } };
  if (body.error) throw new Error(`JSON-RPC ${rpcUrl}: ${body.error.message ?? "error"}`);
  const timestamp = body.result?.timestamp;
  if (typeof timestamp !== "string") throw new Error(`JSON-RPC ${rpcUrl} returned no latest block`);
  return BigInt(timestamp);
}
