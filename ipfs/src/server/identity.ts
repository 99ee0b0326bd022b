/**
 * The node's peer identity: an Ed25519 key made on first start and kept in `identity.json` in
 * the data directory, shown by the RPC `id` command as a libp2p peer ID (`12D3KooW…`). The node
 * never dials peers; the ID only tells nodes apart, as Kubo's does.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { base58btc } from "multiformats/bases/base58";
import { identity } from "multiformats/hashes/identity";

export type NodeIdentity = {
  /** base58btc libp2p peer ID. */
  peerId: string;
  /** base64 libp2p protobuf PublicKey, as Kubo's `id` shows it. */
  publicKey: string;
};

const FILE = "identity.json";

/** Loads the identity from `dataDir`, creating it on first use. */
export async function loadOrCreateIdentity(dataDir: string): Promise<NodeIdentity> {
  const path = join(dataDir, FILE);
  let pkcs8: string;
  try {
    const stored = JSON.parse(await readFile(path, "utf8")) as { privateKey?: unknown };
    if (typeof stored.privateKey !== "string") throw new Error(`${path} has no privateKey`);
    pkcs8 = stored.privateKey;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    const { privateKey } = generateKeyPairSync("ed25519");
    pkcs8 = privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");
    await writeFile(path, `${JSON.stringify({ privateKey: pkcs8 }, null, 2)}\n`, { mode: 0o600 });
  }
  const privateKey = createPrivateKey({ key: Buffer.from(pkcs8, "base64"), format: "der", type: "pkcs8" });
  const jwk = createPublicKey(privateKey).export({ format: "jwk" });
  const raw = Buffer.from(jwk.x as string, "base64url");
  // libp2p PublicKey protobuf: field 1 (Type) = 1 (Ed25519), field 2 (Data) = 32 key bytes.
  const protobuf = Uint8Array.from([0x08, 0x01, 0x12, raw.length, ...raw]);
  const multihash = identity.digest(protobuf);
  return {
    peerId: base58btc.encode(multihash.bytes).slice(1),
    publicKey: Buffer.from(protobuf).toString("base64"),
  };
}
