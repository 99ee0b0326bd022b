import { Bytes, ethereum } from "@graphprotocol/graph-ts";

/** Id of an immutable event entity: transaction hash followed by the log index (4 bytes, big-endian). */
export function eventId(event: ethereum.Event): Bytes {
  return event.transaction.hash.concatI32(event.logIndex.toI32());
}
