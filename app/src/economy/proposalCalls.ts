/**
 * The calls a proposal makes, both ways: built from the new-proposal form (a parameter change
 * within its bounds, or a transfer of MRK or ETH from the treasury) and described in words from
 * a stored proposal's targets, values and calldatas.
 */
import { decodeFunctionData, encodeFunctionData, getAddress, isAddress, type Address, type Hex } from "viem";
import { markParametersAbi, markTokenAbi } from "@markspace/contracts/abis";
import { parameterKey, PLATFORM_PARAMETERS } from "@markspace/contracts/parameters";
import { parseAmount } from "./amountInput.ts";
import { formatEth, formatMrk } from "./format.ts";

export type ProposalCalls = { targets: Address[]; values: bigint[]; calldatas: Hex[] };

export type BuildCallsReturnType = { ok: true; calls: ProposalCalls } | { ok: false; message: string };

export type ParameterBounds = { name: string; min: bigint; max: bigint };

/** `MarkParameters.set(parameterKey(name), value)`, refused outside the parameter's bounds. */
export function buildParameterChange(
  parameter: ParameterBounds,
  valueText: string,
  markParameters: Address,
): BuildCallsReturnType {
  const text = valueText.trim();
  if (!/^\d+$/.test(text)) return { ok: false, message: "Enter a whole number." };
  const value = BigInt(text);
  if (value < parameter.min || value > parameter.max) {
    return {
      ok: false,
      message: `${parameter.name} must be between ${parameter.min} and ${parameter.max}.`,
    };
  }
  return {
    ok: true,
    calls: {
      targets: [markParameters],
      values: [0n],
      calldatas: [
        encodeFunctionData({
          abi: markParametersAbi,
          functionName: "set",
          args: [parameterKey(parameter.name), value],
        }),
      ],
    },
  };
}

export type TreasuryTransfer = { asset: "MRK" | "ETH"; to: string; amountText: string };

/** MRK: `MarkToken.transfer(to, amount)` from the treasury; ETH: a plain call to `to` with the value. */
export function buildTreasuryTransfer(transfer: TreasuryTransfer, markToken: Address): BuildCallsReturnType {
  const to = transfer.to.trim();
  if (!isAddress(to, { strict: false })) return { ok: false, message: "The recipient is not an address." };
  const amount = parseAmount(transfer.amountText);
  if (!amount.ok) return amount;
  const recipient = getAddress(to);
  if (transfer.asset === "ETH") {
    return { ok: true, calls: { targets: [recipient], values: [amount.wei], calldatas: ["0x"] } };
  }
  return {
    ok: true,
    calls: {
      targets: [markToken],
      values: [0n],
      calldatas: [encodeFunctionData({ abi: markTokenAbi, functionName: "transfer", args: [recipient, amount.wei] })],
    },
  };
}

/** One call of a stored proposal in words: "set sale.maxPriceAge to 7200 seconds", "send 1 ETH to 0x…". */
export function describeProposalCall(
  call: { target: Address; value: bigint; calldata: Hex },
  contracts: { markParameters: Address; markToken: Address },
): string {
  const target = getAddress(call.target);
  if (target === getAddress(contracts.markParameters) && call.calldata.length >= 10) {
    try {
      const decoded = decodeFunctionData({ abi: markParametersAbi, data: call.calldata });
      if (decoded.functionName === "set") {
        const [key, value] = decoded.args;
        const parameter = PLATFORM_PARAMETERS.find((p) => parameterKey(p.name) === key);
        return parameter ? `set ${parameter.name} to ${value} ${parameter.unit}` : `set parameter ${key} to ${value}`;
      }
    } catch {
      // Not a call the app knows; described generically below.
    }
  }
  if (target === getAddress(contracts.markToken) && call.calldata.length >= 10) {
    try {
      const decoded = decodeFunctionData({ abi: markTokenAbi, data: call.calldata });
      if (decoded.functionName === "transfer") {
        const [to, amount] = decoded.args;
        return `transfer ${formatMrk(amount, 4)} from the treasury to ${to}`;
      }
    } catch {
      // Fall through.
    }
  }
  if (call.calldata === "0x" || call.calldata.length <= 2) return `send ${formatEth(call.value)} to ${target}`;
  const selector = call.calldata.slice(0, 10);
  return `call ${target} (${selector}…)${call.value > 0n ? ` with ${formatEth(call.value)}` : ""}`;
}
