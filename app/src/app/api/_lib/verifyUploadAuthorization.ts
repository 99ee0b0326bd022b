/**
 * Checks the signed permission of an upload or manifest request (`editor/uploadAuthorization.ts`)
 * in the order of cost: the header reads, is for this action, is fresh (issued at most
 * `AUTHORIZATION_VALIDITY_SECONDS` ago), is signed by the account it names (EIP-712, checked with
 * viem; a contract wallet's signature through ERC-1271 on chain), its nonce was never used, and
 * the registry says the account may decorate the unit (`canDecorate`: owner, decorator, or a
 * tenant whose lease allows decorating). Each refusal is an `UploadAuthorizationError` with the
 * HTTP status and a sentence naming the problem.
 */
import { verifyTypedData, type Address, type Hex, type TypedDataDefinition } from "viem";
import {
  AUTHORIZATION_CLOCK_SKEW_SECONDS,
  AUTHORIZATION_VALIDITY_SECONDS,
  decodeUploadAuthorization,
  UPLOAD_AUTHORIZATION_HEADER,
  uploadAuthorizationTypedData,
  type UploadAction,
  type UploadAuthorization,
} from "../../../editor/uploadAuthorization.ts";
import type { NonceRegistry } from "./nonceRegistry.ts";

export class UploadAuthorizationError extends Error {
  override name = "UploadAuthorizationError";
  constructor(
    readonly status: 401 | 403 | 503,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export type UploadAuthorizationDependencies = {
  chainId: number;
  registry: Address;
  /** Whether `account` may decorate `unit` now (the registry's `canDecorate`). */
  canDecorate: (unit: bigint, account: Address) => Promise<boolean>;
  /**
   * Checks a signature of a contract wallet (ERC-1271) on chain; undefined when `account` has no
   * code (an ordinary key, whose signature `verifyTypedData` already judged).
   */
  verifyContractSignature?: (params: {
    address: Address;
    typedData: TypedDataDefinition;
    signature: Hex;
  }) => Promise<boolean | undefined>;
  nonces: NonceRegistry;
  /** Milliseconds since the epoch; `Date.now` unless a test fixes it. */
  now?: () => number;
};

/** The account and unit a valid request speaks for. */
export type VerifiedUploader = { account: Address; unit: bigint };

export async function verifyUploadAuthorization(
  request: Request,
  action: UploadAction,
  dependencies: UploadAuthorizationDependencies,
): Promise<VerifiedUploader> {
  const header = request.headers.get(UPLOAD_AUTHORIZATION_HEADER);
  if (!header) {
    throw new UploadAuthorizationError(
      401,
      `The request is not signed: the ${UPLOAD_AUTHORIZATION_HEADER} header is missing`,
      "Connect the wallet of an account that may decorate the unit; the editor asks it to sign each upload.",
    );
  }
  let auth: UploadAuthorization;
  try {
    auth = decodeUploadAuthorization(header);
  } catch (error) {
    throw new UploadAuthorizationError(401, `The request's signature is unreadable: ${(error as Error).message}`);
  }
  if (auth.action !== action) {
    throw new UploadAuthorizationError(401, `The signature allows "${auth.action}", not "${action}"`);
  }

  const nowSeconds = Math.floor((dependencies.now ?? Date.now)() / 1000);
  const issuedAt = Number(auth.issuedAt);
  if (issuedAt > nowSeconds + AUTHORIZATION_CLOCK_SKEW_SECONDS) {
    throw new UploadAuthorizationError(
      401,
      `The signature is dated ${issuedAt - nowSeconds} s in the future`,
      "Check this computer's clock.",
    );
  }
  if (nowSeconds - issuedAt > AUTHORIZATION_VALIDITY_SECONDS) {
    throw new UploadAuthorizationError(
      401,
      `The signature expired: it was made ${nowSeconds - issuedAt} s ago, and is valid for ${AUTHORIZATION_VALIDITY_SECONDS} s`,
      "Try again: the editor signs a new one.",
    );
  }

  const typedData = uploadAuthorizationTypedData({
    chainId: dependencies.chainId,
    registry: dependencies.registry,
    message: {
      account: auth.account,
      unit: auth.unit,
      action: auth.action,
      issuedAt: auth.issuedAt,
      nonce: auth.nonce,
    },
  });
  let valid = false;
  try {
    valid = await verifyTypedData({ address: auth.account, signature: auth.signature, ...typedData });
  } catch {
    valid = false;
  }
  if (!valid && dependencies.verifyContractSignature) {
    valid =
      (await dependencies.verifyContractSignature({
        address: auth.account,
        typedData: typedData as unknown as TypedDataDefinition,
        signature: auth.signature,
      })) ?? false;
  }
  if (!valid) {
    throw new UploadAuthorizationError(
      401,
      `The signature was not made by ${auth.account} for unit ${auth.unit} on this deployment (chain ${dependencies.chainId})`,
    );
  }

  // Spent only once the signature is genuine, so nobody can burn another account's nonces.
  if (
    !dependencies.nonces.use(
      `${auth.account.toLowerCase()}:${auth.nonce}`,
      (issuedAt + AUTHORIZATION_VALIDITY_SECONDS) * 1000,
    )
  ) {
    throw new UploadAuthorizationError(401, "This signature was already used: each request needs a new one");
  }

  let allowed: boolean;
  try {
    allowed = await dependencies.canDecorate(auth.unit, auth.account);
  } catch (error) {
    throw new UploadAuthorizationError(
      503,
      "The chain could not be asked whether this account may decorate the unit",
      `Try again in a moment (${(error as Error).message.split("\n")[0]}).`,
    );
  }
  if (!allowed) {
    throw new UploadAuthorizationError(
      403,
      `${auth.account} may not decorate unit ${auth.unit}: only its owner, a decorator the owner appointed, or a tenant whose lease allows decorating may upload for it`,
    );
  }
  return { account: auth.account, unit: auth.unit };
}
