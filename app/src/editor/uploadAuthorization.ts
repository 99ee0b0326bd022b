/**
 * The signed permission the editor sends with every upload and manifest: an EIP-712 message
 * "`account` may store content for unit `unit` (`action`), issued at `issuedAt`, nonce `nonce`",
 * signed by the wallet. The app's routes check it (`app/api/_lib/verifyUploadAuthorization.ts`):
 * fresh (minutes old at most), never seen before, signed by `account`, and `account` may decorate
 * the unit according to the registry's `canDecorate`. The domain binds it to one chain and one
 * registry, so a signature for another deployment is refused. Shared by the browser and the server.
 */
import { z } from "zod";
import type { Address, Hex } from "viem";

/** The HTTP header carrying the authorization (base64url of its JSON). */
export const UPLOAD_AUTHORIZATION_HEADER = "x-markspace-authorization";

/** What the signature allows: storing one file, or storing a scene manifest. */
export type UploadAction = "upload" | "publish-manifest";

/** How long a signature is accepted after `issuedAt`, seconds. */
export const AUTHORIZATION_VALIDITY_SECONDS = 300;
/** How far `issuedAt` may lie in the server's future (clocks disagree a little), seconds. */
export const AUTHORIZATION_CLOCK_SKEW_SECONDS = 30;

export const uploadAuthorizationTypes = {
  UploadAuthorization: [
    { name: "account", type: "address" },
    { name: "unit", type: "uint256" },
    { name: "action", type: "string" },
    { name: "issuedAt", type: "uint64" },
    { name: "nonce", type: "bytes32" },
  ],
} as const;

export type UploadAuthorizationMessage = {
  account: Address;
  unit: bigint;
  action: UploadAction;
  /** Seconds since the epoch. */
  issuedAt: bigint;
  nonce: Hex;
};

/** The EIP-712 typed data for `message` on the deployment of `registry` on chain `chainId`. */
export function uploadAuthorizationTypedData(params: {
  chainId: number;
  registry: Address;
  message: UploadAuthorizationMessage;
}) {
  return {
    domain: {
      name: "Markspace uploads",
      version: "1",
      chainId: params.chainId,
      verifyingContract: params.registry,
    },
    types: uploadAuthorizationTypes,
    primaryType: "UploadAuthorization",
    message: params.message,
  } as const;
}

/** A fresh message: now, and 32 random bytes as the nonce. */
export function newAuthorizationMessage(
  account: Address,
  unit: bigint,
  action: UploadAction,
  nowMs: number = Date.now(),
): UploadAuthorizationMessage {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const nonce = `0x${Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("")}` as Hex;
  return { account, unit, action, issuedAt: BigInt(Math.floor(nowMs / 1000)), nonce };
}

const hex = (bytes: number) => z.string().regex(new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`));

/** The header's JSON: the message's fields (numbers as decimal strings) and the signature. */
export const uploadAuthorizationSchema = z.object({
  account: hex(20).transform((value) => value as Address),
  unit: z
    .string()
    .regex(/^[0-9]{1,78}$/, "a unit id, in decimal")
    .transform(BigInt),
  action: z.enum(["upload", "publish-manifest"]),
  issuedAt: z
    .string()
    .regex(/^[0-9]{1,15}$/, "seconds since the epoch, in decimal")
    .transform(BigInt),
  nonce: hex(32).transform((value) => value as Hex),
  // 65 bytes for an account's key; longer for a contract wallet's (ERC-1271) signature.
  signature: z
    .string()
    .regex(/^0x([0-9a-fA-F]{2}){65,4096}$/, "a hex signature")
    .transform((value) => value as Hex),
});
export type UploadAuthorization = z.output<typeof uploadAuthorizationSchema>;

/** The header value for a signed message. */
export function encodeUploadAuthorization(message: UploadAuthorizationMessage, signature: Hex): string {
  const json = JSON.stringify({
    account: message.account,
    unit: message.unit.toString(),
    action: message.action,
    issuedAt: message.issuedAt.toString(),
    nonce: message.nonce,
    signature,
  });
  const bytes = new TextEncoder().encode(json);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Reads a header value; throws with the reason when it is not an encoded authorization. */
export function decodeUploadAuthorization(value: string): UploadAuthorization {
  if (value.length > 20_000) throw new Error("the authorization header is too long");
  let json: unknown;
  try {
    const binary = atob(value.replace(/-/g, "+").replace(/_/g, "/"));
    json = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0))));
  } catch {
    throw new Error("the authorization header is not base64url JSON");
  }
  const parsed = uploadAuthorizationSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`the authorization's ${issue.path.join(".") || "body"} is invalid: ${issue.message}`);
  }
  return parsed.data;
}
