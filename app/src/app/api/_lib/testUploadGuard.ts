/**
 * For the route tests: a guard over a registry where one generated key may decorate one unit,
 * with generous rate limits, and the signed header that key sends. Signatures are real (viem
 * local account); only the chain read is a fixed answer.
 */
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import {
  encodeUploadAuthorization,
  newAuthorizationMessage,
  uploadAuthorizationTypedData,
  UPLOAD_AUTHORIZATION_HEADER,
  type UploadAction,
} from "../../../editor/uploadAuthorization.ts";
import { createNonceRegistry } from "./nonceRegistry.ts";
import { createRateLimiter } from "./rateLimiter.ts";
import type { UploadGuard } from "./uploadGuard.ts";

export const TEST_CHAIN_ID = 31337;
export const TEST_REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3" as const;
export const TEST_UNIT = 4242n;

export function testUploadGuard(): {
  guard: UploadGuard;
  decorator: PrivateKeyAccount;
  /** The header a request of `action` by `account` (the decorator by default) carries. */
  sign: (action: UploadAction, account?: PrivateKeyAccount, unit?: bigint) => Promise<Record<string, string>>;
} {
  const decorator = privateKeyToAccount(generatePrivateKey());
  const nonces = createNonceRegistry();
  const guard: UploadGuard = {
    rateLimiter: createRateLimiter({ capacity: 1000, refillPerMinute: 1000 }),
    authorization: () => ({
      chainId: TEST_CHAIN_ID,
      registry: TEST_REGISTRY,
      nonces,
      canDecorate: async (unit, account) =>
        unit === TEST_UNIT && account.toLowerCase() === decorator.address.toLowerCase(),
    }),
  };
  const sign = async (action: UploadAction, account = decorator, unit = TEST_UNIT) => {
    const message = newAuthorizationMessage(account.address, unit, action);
    const signature = await account.signTypedData(
      uploadAuthorizationTypedData({ chainId: TEST_CHAIN_ID, registry: TEST_REGISTRY, message }),
    );
    return { [UPLOAD_AUTHORIZATION_HEADER]: encodeUploadAuthorization(message, signature) };
  };
  return { guard, decorator, sign };
}
