import { BigInt, Bytes } from "@graphprotocol/graph-ts";

const BASE32_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/**
 * The CIDv1 string (multibase base32, prefix `b`) of a sha2-256 `digest` with multicodec `codec`:
 * `0x01 <codec varint> 0x12 0x20 <digest>`, as `ipfs add --cid-version 1` prints it.
 */
export function cidV1String(digest: Bytes, codec: BigInt): string {
  let bytes = new Array<u8>();
  bytes.push(0x01);
  let value = codec.toU64();
  do {
    let byte = <u8>(value & 0x7f);
    value = value >> 7;
    if (value != 0) byte = byte | 0x80;
    bytes.push(byte);
  } while (value != 0);
  bytes.push(0x12);
  bytes.push(0x20);
  for (let i = 0; i < digest.length; i++) bytes.push(digest[i]);
  return "b" + base32(bytes);
}

function base32(bytes: Array<u8>): string {
  let out = "";
  let buffer: u32 = 0;
  let bits: i32 = 0;
  for (let i = 0; i < bytes.length; i++) {
    buffer = (buffer << 8) | bytes[i];
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET.charAt(<i32>((buffer >> (bits - 5)) & 31));
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET.charAt(<i32>((buffer << (5 - bits)) & 31));
  return out;
}
