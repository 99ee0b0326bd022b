import { describe, expect, it } from "vitest";
import { leaseTuple, runningLease, unitMarketDataSchema } from "./unitMarketQuery.ts";

const TENANT = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";
const LESSOR = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

const rawLease = (status: string, expires: string) => ({
  id: `0x${"ab".repeat(32)}`,
  status,
  lessor: { id: LESSOR },
  tenant: { id: TENANT },
  agency: null,
  agentFeeBps: 0,
  penaltyBps: 1000,
  pricePerDay: "20000000000000000000",
  deposit: "10000000000000000000",
  mayDecorate: true,
  start: "1000",
  expires,
  daysPaid: 3,
  rentDays: 3,
  settledDays: 1,
  paid: "70000000000000000000",
  rentCredited: "20000000000000000000",
  refund: null,
  depositSettled: false,
  depositClaimed: null,
  depositReturned: null,
});

const data = unitMarketDataSchema.parse({
  unit: {
    id: "42",
    owner: LESSOR,
    transferCount: 2,
    tenant: TENANT,
    userExpires: "260200",
    tenantContentCid: null,
    leases: [rawLease("Active", "260200")],
    priceHistory: [],
  },
  listings: [],
  rentalListings: [],
});

describe("a unit's market from the subgraph", () => {
  it("checksums addresses and reads amounts as bigints", () => {
    const lease = data.unit!.leases[0]!;
    expect(lease.tenant).toBe("0x90F79bf6EB2c4f870365E785982E1f101E93b906");
    expect(lease.pricePerDay).toBe(20n * 10n ** 18n);
  });

  it("calls a lease running only until its expiry, and never after an early end", () => {
    const leases = data.unit!.leases;
    expect(runningLease(leases, 260_199n)?.id).toBe(leases[0]!.id);
    expect(runningLease(leases, 260_200n)).toBeUndefined();
    const ended = unitMarketDataSchema.parse({
      unit: { ...data.unit, leases: [rawLease("EndedEarly", "5000")], tenant: null, userExpires: null, owner: LESSOR },
      listings: [],
      rentalListings: [],
    });
    expect(runningLease(ended.unit!.leases, 2_000n)).toBeUndefined();
  });

  it("rebuilds the lease tuple the book hashes", () => {
    expect(leaseTuple(data.unit!.leases[0]!, 42n)).toEqual({
      unitId: 42n,
      lessor: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      tenant: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
      agent: "0x0000000000000000000000000000000000000000",
      agentFeeBps: 0,
      penaltyBps: 1000,
      pricePerDay: 20n * 10n ** 18n,
      deposit: 10n * 10n ** 18n,
      start: 1000,
      end: 260_200,
      rentDays: 3,
      settledDays: 1,
      depositSettled: false,
    });
  });
});
