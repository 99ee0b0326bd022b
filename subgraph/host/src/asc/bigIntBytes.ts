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
  if (value >= 0n) {
    // Fast path: the hex digits, reversed into bytes, plus a 0x00 sign byte when the top bit is set.
    let hex = value.toString(16);
    if (hex.length % 2) hex = `0${hex}`;
    const length = hex.length / 2;
    const top = Number.parseInt(hex.slice(0, 2), 16);
    const out = new Uint8Array(top & 0x80 ? length + 1 : length);
    for (let i = 0; i < length; i++) out[length - 1 - i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    return out;
  }
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
