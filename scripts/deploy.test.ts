import hre from "hardhat";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { custom, getAddress, toFunctionSelector } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fundLockAbi,
  leaseBookAbi,
  markAccessManagerAbi,
  markParametersAbi,
  markTokenAbi,
  renderJobsAbi,
  renderStakingAbi,
  unitExchangeAbi,
  unitMetadataAbi,
  unitRegistryAbi,
} from "@markspace/contracts/abis";
import { loadDeployment } from "@markspace/contracts/deployments";
import { buildGenesisAllocations, MRK_TOTAL_SUPPLY } from "@markspace/contracts/genesis-allocation";
import {
  FUND_LOCKS,
  contractRegistry,
  deployedContractNames,
  type ContractRegistry,
} from "@markspace/contracts/registry";
import { deploy, DeployError } from "./deploy.ts";
import { grantRenderJobsRole } from "./lib/dev-render-roles.ts";

const conn = await hre.network.connect();
const transport = custom(conn.provider);
const publicClient = await conn.viem.getPublicClient();
const entry = (name: string) => contractRegistry.find((candidate) => candidate.name === name)!;

let outDir: string;
beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "markspace-deploy-"));
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe("deploy", () => {
  it("deploys every deployed contract of the registry in order and records address and start block", async () => {
    const lines: string[] = [];
    const treasury = getAddress("0x00000000000000000000000000000000000000a1");
    const { deployment, path } = await deploy({ transport, treasury, outDir, log: (line) => lines.push(line) });

    expect(Object.keys(deployment.contracts)).toEqual(deployedContractNames);
    expect(deployment.contracts.MarkToken.startBlock).toBeLessThan(deployment.contracts.UnitRegistry.startBlock);
    for (const { address } of Object.values(deployment.contracts))
      expect(await publicClient.getCode({ address: getAddress(address!) })).toMatch(/^0x[0-9a-f]{10,}/);
    expect(lines.filter((line) => line.startsWith("deployed ")).map((line) => line.split(" ")[1])).toEqual(
      deployedContractNames,
    );
    // Constructor arguments from the registry: every fund in its lock, each lock for the treasury.
    const balanceOf = (account: string) =>
      publicClient.readContract({
        address: getAddress(deployment.contracts.MarkToken.address),
        abi: markTokenAbi,
        functionName: "balanceOf",
        args: [getAddress(account)],
      });
    const lock = deployment.contracts[FUND_LOCKS.coreTeam];
    expect(await balanceOf(lock.address)).toBe(300_000_000n * 10n ** 18n);
    expect(
      await publicClient.readContract({ address: getAddress(lock.address), abi: fundLockAbi, functionName: "owner" }),
    ).toBe(treasury);
    let held = 0n;
    for (const name of [...Object.values(FUND_LOCKS)]) held += await balanceOf(deployment.contracts[name].address);
    expect(await balanceOf(deployment.contracts.MarkSale.address)).toBe(970_000_000n * 10n ** 18n);
    expect(held + (await balanceOf(deployment.contracts.MarkSale.address))).toBe(MRK_TOTAL_SUPPLY);
    expect(path).toBe(join(outDir, "31337.json"));
    expect(loadDeployment(31337, outDir)).toEqual(deployment);
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual(deployment);
  });

  it("wires the land's names and metadata: the registry renders through UnitMetadata, UnitNames is an office that mints nothing", async () => {
    const { deployment } = await deploy({ transport, outDir, appUrl: "https://markspace.example" });
    const at = (name: keyof typeof deployment.contracts) => getAddress(deployment.contracts[name]!.address);
    const registry = { address: at("UnitRegistry"), abi: unitRegistryAbi } as const;
    expect(await publicClient.readContract({ ...registry, functionName: "metadataRenderer" })).toBe(at("UnitMetadata"));
    expect(
      await publicClient.readContract({ ...registry, functionName: "landOffice", args: [at("UnitNames")] }),
    ).toEqual({
      active: true,
      allowance: 0n,
    });
    expect(
      await publicClient.readContract({
        address: at("UnitMetadata"),
        abi: unitMetadataAbi,
        functionName: "externalUrlBase",
      }),
    ).toBe("https://markspace.example/units/");
  });

  it("wires the exchange: the registry, MRK, the parameters with the genesis fees, the treasury as fee payee and admin", async () => {
    const { deployment } = await deploy({ transport, outDir });
    const at = (name: keyof typeof deployment.contracts) => getAddress(deployment.contracts[name]!.address);
    const exchange = { address: at("UnitExchange"), abi: unitExchangeAbi } as const;
    expect(await publicClient.readContract({ ...exchange, functionName: "registry" })).toBe(at("UnitRegistry"));
    expect(await publicClient.readContract({ ...exchange, functionName: "mrk" })).toBe(at("MarkToken"));
    expect(await publicClient.readContract({ ...exchange, functionName: "parameters" })).toBe(at("MarkParameters"));
    expect(await publicClient.readContract({ ...exchange, functionName: "treasury" })).toBe(at("MarkTreasury"));
    expect(await publicClient.readContract({ ...exchange, functionName: "authority" })).toBe(at("MarkAccessManager"));
    // 2.5 % platform fee at genesis: a 1,000 MRK sale pays 25 to the treasury.
    expect(
      await publicClient.readContract({ ...exchange, functionName: "quoteSale", args: [1_000n * 10n ** 18n, 0] }),
    ).toEqual([25n * 10n ** 18n, 0n, 975n * 10n ** 18n]);
  });

  it("wires the rentals: LeaseBook is the registry's rentals office (not a land office), paying fees to the treasury", async () => {
    const { deployment } = await deploy({ transport, outDir });
    const at = (name: keyof typeof deployment.contracts) => getAddress(deployment.contracts[name]!.address);
    const book = { address: at("LeaseBook"), abi: leaseBookAbi } as const;
    expect(await publicClient.readContract({ ...book, functionName: "registry" })).toBe(at("UnitRegistry"));
    expect(await publicClient.readContract({ ...book, functionName: "mrk" })).toBe(at("MarkToken"));
    expect(await publicClient.readContract({ ...book, functionName: "parameters" })).toBe(at("MarkParameters"));
    expect(await publicClient.readContract({ ...book, functionName: "treasury" })).toBe(at("MarkTreasury"));
    const registry = { address: at("UnitRegistry"), abi: unitRegistryAbi } as const;
    expect(await publicClient.readContract({ ...registry, functionName: "rentalsOffice" })).toBe(at("LeaseBook"));
    expect(
      await publicClient.readContract({ ...registry, functionName: "landOffice", args: [at("LeaseBook")] }),
    ).toEqual({ active: false, allowance: 0n });
    // The parameter store tells the registry of every change: its copy of the rights follows.
    expect(
      await publicClient.readContract({
        address: at("MarkParameters"),
        abi: markParametersAbi,
        functionName: "watcher",
      }),
    ).toBe(at("UnitRegistry"));
    const parameter = (name: string) =>
      publicClient.readContract({
        address: at("MarkParameters"),
        abi: markParametersAbi,
        functionName: "getByName",
        args: [name],
      });
    expect(await parameter("rentals.platformFeeBps")).toBe(250n);
    expect(await parameter("rentals.depositClaimWindow")).toBe(3n * 86_400n);
  });

  it("wires the render staking: MRK, the render parameters, the rendering fund's lock and the treasury as admin", async () => {
    const { deployment } = await deploy({ transport, outDir });
    const at = (name: keyof typeof deployment.contracts) => getAddress(deployment.contracts[name]!.address);
    const staking = { address: at("RenderStaking"), abi: renderStakingAbi } as const;
    expect(await publicClient.readContract({ ...staking, functionName: "mrk" })).toBe(at("MarkToken"));
    expect(await publicClient.readContract({ ...staking, functionName: "renderingFund" })).toBe(
      at(FUND_LOCKS.minersRenderingFund),
    );
    expect(await publicClient.readContract({ ...staking, functionName: "authority" })).toBe(at("MarkAccessManager"));
    // Genesis minimums from the parameter store: 1,000 MRK a Worker, 10,000 a Scheduler.
    expect(await publicClient.readContract({ ...staking, functionName: "minimumStake", args: [1] })).toBe(
      1_000n * 10n ** 18n,
    );
    expect(await publicClient.readContract({ ...staking, functionName: "minimumStake", args: [2] })).toBe(
      10_000n * 10n ** 18n,
    );
    // Until governance grants roles, only the treasury (the access manager's admin) may slash.
    const [allowed] = await publicClient.readContract({
      address: at("MarkAccessManager"),
      abi: markAccessManagerAbi,
      functionName: "canCall",
      args: [at("MarkTreasury"), at("RenderStaking"), toFunctionSelector("slash(address,uint256,bytes32)")],
    });
    expect(allowed).toBe(true);
  });

  it("wires the render jobs to the staking, MRK and the parameters; the treasury's dev grant lets them slash", async () => {
    const { deployment } = await deploy({ transport, outDir });
    const at = (name: keyof typeof deployment.contracts) => getAddress(deployment.contracts[name]!.address);
    const jobs = { address: at("RenderJobs"), abi: renderJobsAbi } as const;
    expect(await publicClient.readContract({ ...jobs, functionName: "staking" })).toBe(at("RenderStaking"));
    expect(await publicClient.readContract({ ...jobs, functionName: "mrk" })).toBe(at("MarkToken"));
    expect(await publicClient.readContract({ ...jobs, functionName: "parameters" })).toBe(at("MarkParameters"));
    const canSlash = async () =>
      (
        await publicClient.readContract({
          address: at("MarkAccessManager"),
          abi: markAccessManagerAbi,
          functionName: "canCall",
          args: [at("RenderJobs"), at("RenderStaking"), toFunctionSelector("slash(address,uint256,bytes32)")],
        })
      )[0];
    // Governance's grant, not the deployment's: until then the job contract cannot slash.
    expect(await canSlash()).toBe(false);
    await grantRenderJobsRole(conn.provider, deployment);
    expect(await canSlash()).toBe(true);
  });

  it("hands a contract the address of any contract of the run, deployed before or after it", async () => {
    const registry: ContractRegistry = [
      ...contractRegistry.filter((candidate) => candidate.name !== "MarkToken" && candidate.name !== "UnitRegistry"),
      entry("UnitRegistry"),
      {
        ...entry("MarkToken"),
        deploy: { args: ({ addressOf }) => [buildGenesisAllocations(() => addressOf("UnitRegistry"))] },
      },
    ];
    const { deployment } = await deploy({ transport, registry, outDir });
    const registryAddress = getAddress(deployment.contracts.UnitRegistry.address);
    expect(
      await publicClient.readContract({
        address: getAddress(deployment.contracts.MarkToken.address),
        abi: markTokenAbi,
        functionName: "balanceOf",
        args: [registryAddress],
      }),
    ).toBe(MRK_TOTAL_SUPPLY);
  });

  it("predicts the address of a contract deployed later in the run", async () => {
    const registry: ContractRegistry = [
      ...contractRegistry.filter((candidate) => candidate.name !== "MarkToken" && candidate.name !== "UnitRegistry"),
      {
        ...entry("MarkToken"),
        deploy: { args: ({ addressOf }) => [buildGenesisAllocations(() => addressOf("UnitRegistry"))] },
      },
      entry("UnitRegistry"),
    ];
    const { deployment } = await deploy({ transport, registry, outDir });
    expect(
      await publicClient.readContract({
        address: getAddress(deployment.contracts.MarkToken.address),
        abi: markTokenAbi,
        functionName: "balanceOf",
        args: [getAddress(deployment.contracts.UnitRegistry.address)],
      }),
    ).toBe(MRK_TOTAL_SUPPLY);
  });

  it("names a contract whose address is asked for that the run does not deploy", async () => {
    const registry: ContractRegistry = [
      {
        name: "MarkToken",
        source: "contracts/token/MarkToken.sol",
        deploy: { args: ({ addressOf }) => [buildGenesisAllocations(() => addressOf("Nowhere"))] },
      },
    ];
    const attempt = deploy({ transport, registry, outDir });
    await expect(attempt).rejects.toBeInstanceOf(DeployError);
    await expect(attempt).rejects.toThrow(
      /address of Nowhere, which this deployment does not deploy[\s\S]*give Nowhere a `deploy` entry/,
    );
  });

  it("makes every constructor argument before the first transaction, naming what failed", async () => {
    const registry: ContractRegistry = [
      { name: "UnitRegistry", source: "contracts/land/UnitRegistry.sol", deploy: {} },
      {
        name: "MarkToken",
        source: "contracts/token/MarkToken.sol",
        deploy: {
          args: () => {
            throw new Error("no feed configured");
          },
        },
      },
    ];
    const deployer = (await conn.viem.getWalletClients())[0]!.account.address;
    const nonce = await publicClient.getTransactionCount({ address: deployer });
    await expect(deploy({ transport, registry, outDir })).rejects.toThrow(
      "Constructor arguments of MarkToken could not be made: no feed configured",
    );
    expect(await publicClient.getTransactionCount({ address: deployer })).toBe(nonce);
  });

  it("refuses a registry that leaves a recorded contract undeployed", async () => {
    await expect(deploy({ transport, registry: [entry("ClosedPreSaleLock")], outDir })).rejects.toThrow(
      /deployment record would be invalid: [\s\S]*contracts\.MarkToken: /,
    );
  });
});
