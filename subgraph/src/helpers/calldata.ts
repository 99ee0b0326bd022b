import { ByteArray, Bytes, crypto, ethereum } from "@graphprotocol/graph-ts";

/**
 * The first argument of the transaction's call, when the transaction called `signature` directly
 * and that argument is a static tuple of `words` 32-byte words (an order or a listing): decoded as
 * `tupleType`. Null otherwise (another function, or a call made through a contract such as a
 * wallet or a DAO treasury, whose input the subgraph cannot read).
 */
export function firstTupleArgument(
  transaction: ethereum.Transaction,
  signature: string,
  tupleType: string,
  words: i32,
): ethereum.Tuple | null {
  let input = transaction.input;
  if (input.length < 4 + words * 32) return null;
  let selector = crypto.keccak256(ByteArray.fromUTF8(signature));
  for (let i = 0; i < 4; i++) if (input[i] != selector[i]) return null;
  let argument = ethereum.decode(tupleType, Bytes.fromUint8Array(input.subarray(4, 4 + words * 32)));
  if (argument == null) return null;
  return argument.toTuple();
}
