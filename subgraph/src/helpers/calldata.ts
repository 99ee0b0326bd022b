import { ByteArray, Bytes, crypto, ethereum } from "@graphprotocol/graph-ts";

/**
 * The first argument of the transaction's call, when the transaction called `signature` directly
 * on the contract that emitted `event`, and that argument is a static tuple of `words` 32-byte
 * words (an order or a listing): decoded as `tupleType`. Null otherwise: another function, or a
 * call made through a contract (a wallet, a DAO treasury — or a contract with a function of the
 * same selector that passes other terms on), whose input says nothing reliable about the event.
 */
export function firstTupleArgument(
  event: ethereum.Event,
  signature: string,
  tupleType: string,
  words: i32,
): ethereum.Tuple | null {
  let transaction = event.transaction;
  let to = transaction.to;
  if (to === null || !to.equals(event.address)) return null;
  let input = transaction.input;
  if (input.length < 4 + words * 32) return null;
  let selector = crypto.keccak256(ByteArray.fromUTF8(signature));
  for (let i = 0; i < 4; i++) if (input[i] != selector[i]) return null;
  let argument = ethereum.decode(tupleType, Bytes.fromUint8Array(input.subarray(4, 4 + words * 32)));
  if (argument == null) return null;
  return argument.toTuple();
}
