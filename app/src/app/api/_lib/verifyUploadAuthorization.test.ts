import { describe, expect, it } from "vitest";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import {
  AUTHORIZATION_VALIDITY_SECONDS,
  encodeUploadAuthorization,
  newAuthorizationMessage,
  UPLOAD_AUTHORIZATION_HEADER,
  uploadAuthorizationTypedData,
  type UploadAction,
  type UploadAuthorizationMessage,
} from "../../../editor/uploadAuthorization.ts";
import { createNonceRegistry } from "./nonceRegistry.ts";
import {
  UploadAuthorizationError,
  verifyUploadAuthorization,
  type UploadAuthorizationDependencies,
} from "./verifyUploadAuthorization.ts";

const CHAIN = 31337;
const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3" as const;
const OTHER_REGISTRY = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512" as const;
const UNIT = 77n;
const NOW = 1_800_000_000_000;

const owner = privateKeyToAccount(generatePrivateKey());
const stranger = privateKeyToAccount(generatePrivateKey());

function setup(now = NOW) {
  const asked: string[] = [];
  const dependencies: UploadAuthorizationDependencies = {
    chainId: CHAIN,
    registry: REGISTRY,
    nonces: createNonceRegistry({ now: () => now }),
    now: () => now,
    canDecorate: async (unit, account) => {
      asked.push(`${unit} ${account}`);
      return unit === UNIT && account === owner.address;
    },
  };
  return { dependencies, asked };
}

async function signed(
  params: {
    account?: PrivateKeyAccount;
    claimed?: UploadAuthorizationMessage["account"];
    unit?: bigint;
    action?: UploadAction;
    issuedAtMs?: number;
    registry?: `0x${string}`;
    chainId?: number;
  } = {},
): Promise<{ request: () => Request; message: UploadAuthorizationMessage }> {
  const account = params.account ?? owner;
  const message = newAuthorizationMessage(
    account.address,
    params.unit ?? UNIT,
    params.action ?? "upload",
    params.issuedAtMs ?? NOW,
  );
  const signature = await account.signTypedData(
    uploadAuthorizationTypedData({
      chainId: params.chainId ?? CHAIN,
      registry: params.registry ?? REGISTRY,
      message,
    }),
  );
  const header = encodeUploadAuthorization({ ...message, account: params.claimed ?? message.account }, signature);
  return {
    message,
    request: () =>
      new Request("http://app.test/api/uploads", {
        method: "POST",
        headers: { [UPLOAD_AUTHORIZATION_HEADER]: header },
      }),
  };
}

async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UploadAuthorizationError) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("verifyUploadAuthorization", () => {
  it("accepts a fresh signature of an account that may decorate the unit", async () => {
    const { dependencies, asked } = setup();
    const { request } = await signed({ issuedAtMs: NOW - 60_000 });
    expect(await verifyUploadAuthorization(request(), "upload", dependencies)).toEqual({
      account: owner.address,
      unit: UNIT,
    });
    expect(asked).toEqual([`${UNIT} ${owner.address}`]);
  });

  it("refuses a replayed signature", async () => {
    const { dependencies } = setup();
    const { request } = await signed();
    await verifyUploadAuthorization(request(), "upload", dependencies);
    expect(await refusal(verifyUploadAuthorization(request(), "upload", dependencies))).toEqual({
      status: 401,
      message: "This signature was already used: each request needs a new one",
    });
  });

  it("refuses an expired signature and one dated in the future, without asking the chain", async () => {
    const { dependencies, asked } = setup();
    const old = await signed({ issuedAtMs: NOW - (AUTHORIZATION_VALIDITY_SECONDS + 1) * 1000 });
    expect(await refusal(verifyUploadAuthorization(old.request(), "upload", dependencies))).toEqual({
      status: 401,
      message: `The signature expired: it was made ${AUTHORIZATION_VALIDITY_SECONDS + 1} s ago, and is valid for ${AUTHORIZATION_VALIDITY_SECONDS} s`,
    });
    const future = await signed({ issuedAtMs: NOW + 120_000 });
    expect((await refusal(verifyUploadAuthorization(future.request(), "upload", dependencies))).message).toBe(
      "The signature is dated 120 s in the future",
    );
    expect(asked).toEqual([]);
  });

  it("refuses an account that may not decorate the unit, naming it", async () => {
    const { dependencies } = setup();
    const { request } = await signed({ account: stranger });
    const { status, message } = await refusal(verifyUploadAuthorization(request(), "upload", dependencies));
    expect(status).toBe(403);
    expect(message).toMatch(`${stranger.address} may not decorate unit ${UNIT}`);
    const otherUnit = await signed({ unit: UNIT + 1n });
    expect((await refusal(verifyUploadAuthorization(otherUnit.request(), "upload", dependencies))).status).toBe(403);
  });

  it("refuses a signature by one account claiming to be another", async () => {
    const { dependencies, asked } = setup();
    const { request } = await signed({ account: stranger, claimed: owner.address });
    const { status, message } = await refusal(verifyUploadAuthorization(request(), "upload", dependencies));
    expect(status).toBe(401);
    expect(message).toBe(
      `The signature was not made by ${owner.address} for unit ${UNIT} on this deployment (chain ${CHAIN})`,
    );
    expect(asked).toEqual([]);
  });

  it("refuses a signature for another registry, another chain or another action", async () => {
    const { dependencies } = setup();
    for (const params of [{ registry: OTHER_REGISTRY }, { chainId: 1 }]) {
      const { request } = await signed(params);
      expect((await refusal(verifyUploadAuthorization(request(), "upload", dependencies))).status).toBe(401);
    }
    const manifest = await signed({ action: "publish-manifest" });
    expect((await refusal(verifyUploadAuthorization(manifest.request(), "upload", dependencies))).message).toBe(
      'The signature allows "publish-manifest", not "upload"',
    );
  });

  it("does not spend the nonce of a forged request", async () => {
    const { dependencies } = setup();
    const genuine = await signed();
    const forgedHeader = encodeUploadAuthorization(genuine.message, `0x${"11".repeat(65)}`);
    const forged = new Request("http://app.test", { headers: { [UPLOAD_AUTHORIZATION_HEADER]: forgedHeader } });
    expect((await refusal(verifyUploadAuthorization(forged, "upload", dependencies))).status).toBe(401);
    await expect(verifyUploadAuthorization(genuine.request(), "upload", dependencies)).resolves.toBeDefined();
  });

  it("names a missing or unreadable header, and answers 503 when the chain cannot be asked", async () => {
    const { dependencies } = setup();
    const missing = await refusal(verifyUploadAuthorization(new Request("http://app.test"), "upload", dependencies));
    expect(missing).toEqual({
      status: 401,
      message: `The request is not signed: the ${UPLOAD_AUTHORIZATION_HEADER} header is missing`,
    });
    const garbled = new Request("http://app.test", { headers: { [UPLOAD_AUTHORIZATION_HEADER]: "e30" } });
    expect((await refusal(verifyUploadAuthorization(garbled, "upload", dependencies))).message).toMatch(
      /^The request's signature is unreadable: the authorization's account is invalid/,
    );
    const { request } = await signed();
    const down = { ...dependencies, canDecorate: () => Promise.reject(new Error("connect ECONNREFUSED")) };
    expect((await refusal(verifyUploadAuthorization(request(), "upload", down))).status).toBe(503);
  });

  it("asks the contract wallet check when the key's signature does not match", async () => {
    const { dependencies } = setup();
    const wallet = "0x00000000000000000000000000000000000000aa" as const;
    const { request } = await signed({ claimed: wallet });
    const checked: string[] = [];
    const withWallet: UploadAuthorizationDependencies = {
      ...dependencies,
      canDecorate: async (_unit, account) => account === wallet,
      verifyContractSignature: async ({ address }) => {
        checked.push(address);
        return true;
      },
    };
    await expect(verifyUploadAuthorization(request(), "upload", withWallet)).resolves.toEqual({
      account: wallet,
      unit: UNIT,
    });
    expect(checked).toEqual([wallet]);
  });
});
