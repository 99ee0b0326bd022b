/**
 * The full terms of an order posted on chain, read from its posting event at the block the
 * subgraph saw it in: `UnitExchange.ListingPosted` or `LeaseBook.Listed` carry the whole tuple
 * (the subgraph keeps every term but the salt), which a purchase or a rent passes back as it was
 * hashed. The event is filtered by the order's hash, an indexed topic.
 */
import type { Address, Hex, PublicClient } from "viem";
import { leaseBookAbi, unitExchangeAbi } from "@markspace/contracts/abis";
import type { ExchangeListing } from "@markspace/contracts/exchange-orders";
import type { LeaseListing } from "@markspace/contracts/listing";
import { MarkspaceAppError } from "../errors/MarkspaceAppError.ts";

/** The posting event of an order the subgraph lists was not found at its block. */
export class PostedOrderNotFoundError extends MarkspaceAppError {
  override name = "PostedOrderNotFoundError";
}

type Where = { client: PublicClient; contract: Address; orderHash: Hex; block: bigint };

function notFound(orderHash: Hex, block: bigint): PostedOrderNotFoundError {
  return new PostedOrderNotFoundError({
    shortMessage: `The posting of order ${orderHash.slice(0, 10)}… is not in block ${block}.`,
    hint: "The chain may have been reset under the subgraph; reload the page.",
  });
}

export async function readPostedSaleListing({ client, contract, orderHash, block }: Where): Promise<ExchangeListing> {
  const logs = await client.getContractEvents({
    address: contract,
    abi: unitExchangeAbi,
    eventName: "ListingPosted",
    args: { orderHash },
    fromBlock: block,
    toBlock: block,
    strict: true,
  });
  const listing = logs[0]?.args.listing;
  if (!listing) throw notFound(orderHash, block);
  return listing;
}

export async function readPostedRentalListing({ client, contract, orderHash, block }: Where): Promise<LeaseListing> {
  const logs = await client.getContractEvents({
    address: contract,
    abi: leaseBookAbi,
    eventName: "Listed",
    args: { listingId: orderHash },
    fromBlock: block,
    toBlock: block,
    strict: true,
  });
  const listing = logs[0]?.args.listing;
  if (!listing) throw notFound(orderHash, block);
  return listing;
}
