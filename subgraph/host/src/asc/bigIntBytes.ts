/**
 * graph-ts `BigInt` is a `Uint8Array` holding the value as signed little-endian two's
 * complement (graph-node `runtime/wasm/src/to_from/external.rs`). These convert between that
 * form and JavaScript `bigint`, writing the shortest form (zero is one 0x00 byte; 128 needs a
 * 0x00 sign byte: `80 00`).
 */
export function bigIntFromSignedBytesLE(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  const negative = (bytes[bytes.length - 1]! & 0x80) !== 0;
  return negative ? value - (1n << BigInt(bytes.length * 8)) : value;
}

export function bigIntToSignedBytesLE(value: bigint): Uint8Array {
  const out: number[] = [];
  let rest = value;
  for (;;) {
    const byte = Number(rest & 0xffn);
    out.push(byte);
    rest >>= 8n;
    // Done when what is left is pure sign extension of the byte just written.
    if ((rest === 0n && (byte & 0x80) === 0) || (rest === -1n && (byte & 0x80) !== 0)) break;
  }
  return Uint8Array.from(out);
}
