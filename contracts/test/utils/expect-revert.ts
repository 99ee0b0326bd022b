/**
 * Revert assertions for Vitest contract tests: find viem's decoded revert in the error chain and
 * compare its custom error name and arguments. viem decodes custom errors with the contract's
 * ABI (hardhat-viem instances carry it), so no assertion plugin is needed.
 */
import { BaseError, ContractFunctionRevertedError } from "viem";
import { expect } from "vitest";

/** Awaits `action` and asserts it reverted with the custom error `errorName` (and `args`, if given). */
export async function expectRevert(
  action: Promise<unknown>,
  errorName: string,
  args?: readonly unknown[],
): Promise<void> {
  let caught: unknown;
  try {
    await action;
  } catch (error) {
    caught = error;
  }
  if (caught === undefined) {
    expect.fail(`expected a revert with ${errorName}, but the call succeeded`);
  }
  const reverted = caught instanceof BaseError ? caught.walk((e) => e instanceof ContractFunctionRevertedError) : null;
  if (!(reverted instanceof ContractFunctionRevertedError) || !reverted.data) {
    throw new Error(`expected a revert with ${errorName}, got a different failure`, { cause: caught });
  }
  expect(reverted.data.errorName, "custom error").toBe(errorName);
  if (args) expect(reverted.data.args, `${errorName} arguments`).toEqual(args);
}
