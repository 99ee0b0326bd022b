import hre from "hardhat";
import { getContractAddress, zeroAddress } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import { parameterDefinitions } from "../governance/parameters.ts";
import { expectRevert } from "../test/utils/expect-revert.ts";
import { WORLD_LIMITS, decodeUnitId, encodeUnitId, formatUnitAddress, type Space } from "../unit-address.ts";

const conn = await hre.network.connect();
const publicClient = await conn.viem.getPublicClient();
const [deployerWallet, aliceWallet] = await conn.viem.getWalletClients();
if (!deployerWallet || !aliceWallet) throw new Error("the test chain needs two accounts");
const deployer = deployerWallet.account.address;
const alice = aliceWallet.account.address;
const UNITS_URL = "http://127.0.0.1:3000/units/";

const HOME = encodeUnitId({ district: 1, neighbourhood: 42, building: 7, floor: 12, unit: 3 });
const SURFACE = encodeUnitId({ space: 1, district: 4, neighbourhood: 1295, building: 35, floor: 35, unit: 124 });

/** The registry (the deployer is its land office), the names and the renderer, wired as the deploy script does. */
async function deployLand() {
  const parameters = await conn.viem.deployContract("MarkParameters", [deployer, parameterDefinitions(), zeroAddress]);
  const manager = await conn.viem.deployContract("MarkAccessManager", [deployer]);
  const nonce = await publicClient.getTransactionCount({ address: deployer });
  const namesAt = getContractAddress({ from: deployer, nonce: BigInt(nonce + 1) });
  const metadataAt = getContractAddress({ from: deployer, nonce: BigInt(nonce + 2) });
  const registry = await conn.viem.deployContract("UnitRegistry", [
    manager.address,
    parameters.address,
    metadataAt,
    0n,
    [deployer, namesAt],
    [2n ** 64n - 1n, 0n],
    zeroAddress,
  ]);
  const names = await conn.viem.deployContract("UnitNames", [registry.address]);
  const metadata = await conn.viem.deployContract("UnitMetadata", [registry.address, names.address, UNITS_URL]);
  return { registry, names, metadata };
}

/** Deterministic PRNG (mulberry32) so every run checks the same "random" ids. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Valid ids of every shape: both spaces, every field from 0 to its largest value, any district. */
function fuzzedIds(count: number): bigint[] {
  const random = prng(0x6d657461);
  const int = (maxExclusive: number) => Math.floor(random() * maxExclusive);
  const edge = (maxExclusive: number) => [0, maxExclusive - 1, int(maxExclusive)][int(3)]!;
  return Array.from({ length: count }, () => {
    const space = int(2) as Space;
    return encodeUnitId({
      space,
      district: 1 + edge(WORLD_LIMITS.districts),
      neighbourhood: edge(WORLD_LIMITS.neighbourhoods),
      building: edge(WORLD_LIMITS.buildings),
      floor: edge(WORLD_LIMITS.floors),
      unit: edge(space === 1 ? WORLD_LIMITS.externalUnits : WORLD_LIMITS.units),
    });
  });
}

type Metadata = {
  name: string;
  description: string;
  image: string;
  external_url?: string;
  attributes: Array<{ trait_type: string; value: string | number; display_type?: string }>;
};

function decodeDataUri(uri: string, prefix: string): string {
  expect(uri.startsWith(prefix)).toBe(true);
  return Buffer.from(uri.slice(prefix.length), "base64").toString("utf8");
}

describe("UnitMetadata", () => {
  let land: Awaited<ReturnType<typeof deployLand>>;

  beforeAll(async () => {
    land = await deployLand();
    await land.registry.write.mint([alice, HOME, 1_900_000_000]);
    await land.registry.write.mint([alice, SURFACE, 1_900_000_000]);
  });

  async function metadataOf(unitId: bigint): Promise<Metadata> {
    const uri = await land.registry.read.tokenURI([unitId]);
    return JSON.parse(decodeDataUri(uri, "data:application/json;base64,")) as Metadata;
  }

  it("writes every readable address exactly as formatUnitAddress, for fuzzed ids", async () => {
    const ids = fuzzedIds(300);
    const texts = await Promise.all(ids.map((id) => land.metadata.read.addressText([id])));
    const mismatches = ids
      .map((id, i) => ({ id, solidity: texts[i], typescript: formatUnitAddress(decodeUnitId(id)) }))
      .filter(({ solidity, typescript }) => solidity !== typescript);
    expect(mismatches).toEqual([]);
  });

  it("refuses an id that is not a unit, as decodeUnitId does", async () => {
    const bad = HOME | 0x271n; // unit 625
    expect(() => decodeUnitId(bad)).toThrow();
    await expectRevert(land.metadata.read.addressText([bad]), "UnitIdInvalid", [bad]);
  });

  describe("tokenURI", () => {
    it("is ERC-721 metadata JSON named by the address until the unit has a name", async () => {
      const metadata = await metadataOf(HOME);
      expect(metadata).toMatchObject({
        name: "R-0042-07-12-003",
        description:
          "Unit R-0042-07-12-003 of Markspace: a Residential unit on floor 12 of building 7 in neighbourhood 42 of the Residential district.",
        external_url: `${UNITS_URL}${HOME}`,
      });
      expect(Object.fromEntries(metadata.attributes.map(({ trait_type, value }) => [trait_type, value]))).toEqual({
        Type: "Residential",
        District: "Residential",
        Neighbourhood: 42,
        Building: 7,
        Floor: 12,
        Unit: 3,
        Rooms: 0,
        Privacy: "Public",
        "Storage paid until": 1_900_000_000,
      });
    });

    it("carries the name once the owner sets one", async () => {
      await land.names.write.setName([HOME, "alice"], { account: alice });
      const metadata = await metadataOf(HOME);
      expect(metadata.name).toBe("alice.markspace");
      expect(metadata.attributes.at(-1)).toEqual({ trait_type: "Name", value: "alice.markspace" });
    });

    it("has an SVG image with the address, the name and the type", async () => {
      const svg = decodeDataUri((await metadataOf(HOME)).image, "data:image/svg+xml;base64,");
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 400 400">.*<\/svg>$/);
      for (const text of ["R-0042-07-12-003", "alice.markspace", "Residential"])
        expect(svg).toContain(`>${text}</text>`);
    });

    it("describes an external surface", async () => {
      const metadata = await metadataOf(SURFACE);
      expect(metadata.name).toBe("S-1295-35-35-X124");
      expect(metadata.description).toContain("an External surface on floor 35");
      expect(metadata.attributes.slice(0, 2)).toEqual([
        { trait_type: "Type", value: "External" },
        { trait_type: "District", value: "Shopping" },
      ]);
    });
  });
});
