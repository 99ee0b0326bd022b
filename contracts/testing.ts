/**
 * Test helpers over the registry: a complete, valid deployment record with made-up addresses,
 * so tests of the layers that read records need not list every contract of the registry.
 */
import type { ContractDeployment, Deployment } from "./deployments.ts";
import { deployedContractNames } from "./registry.ts";

/** `0x…01`, `0x…02`, …: one recognisable address per contract, in deployment order. */
export function sampleAddress(index: number): string {
  return `0x${(index + 1).toString(16).padStart(40, "0")}`;
}

/**
 * A record holding every deployed contract of the registry (start blocks 1, 2, … in order);
 * `contracts` replaces some of them.
 */
export function sampleDeployment({
  chainId = 31337,
  network = chainId === 31337 ? "hardhat" : `chain-${chainId}`,
  contracts = {},
}: {
  chainId?: number;
  network?: string;
  contracts?: Partial<Record<keyof Deployment["contracts"], ContractDeployment>>;
} = {}): Deployment {
  const all = Object.fromEntries(
    deployedContractNames.map((name, i) => [name, contracts[name] ?? { address: sampleAddress(i), startBlock: i + 1 }]),
  );
  return { chainId, network, contracts: all as Deployment["contracts"] };
}
