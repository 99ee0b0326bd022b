import { describe, expect, it } from "vitest";
import { DEFAULT_COMMUNITY_FORM, parseCommunityForm, randomSalt, type CommunityFormInput } from "./communityForm.ts";

const creator = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const salt = `0x${"11".repeat(32)}` as const;
const form = (patch: Partial<CommunityFormInput>): CommunityFormInput => ({
  ...DEFAULT_COMMUNITY_FORM,
  name: "Garden Club",
  symbol: "GARDEN",
  ...patch,
});

describe("parseCommunityForm", () => {
  it("turns the defaults into the factory's config, the creator founder and guardian", () => {
    const result = parseCommunityForm(form({}), creator, salt);
    expect(result).toEqual({
      ok: true,
      config: {
        name: "Garden Club",
        symbol: "GARDEN",
        founders: [creator],
        settings: {
          guardian: creator,
          votingDelay: 3_600,
          votingPeriod: 259_200,
          proposalThreshold: 1,
          quorumPercent: 20,
          timelockDelay: 86_400,
          joinPolicy: 2,
          membershipPrice: 0n,
        },
        salt,
      },
    });
  });

  it("sells memberships at the price given, and names a guardian or none", () => {
    const sold = parseCommunityForm(
      form({ joinPolicy: "Purchase", price: "12.5", guardian: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8" }),
      creator,
      salt,
    );
    expect(sold.ok && sold.config.settings).toMatchObject({
      joinPolicy: 1,
      membershipPrice: 12_500_000_000_000_000_000n,
      guardian: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    });
    const none = parseCommunityForm(form({ guardianOn: false, joinPolicy: "InviteOnly" }), creator, salt);
    expect(none.ok && none.config.settings).toMatchObject({
      joinPolicy: 0,
      guardian: "0x0000000000000000000000000000000000000000",
    });
  });

  it("names every bad field at once", () => {
    const result = parseCommunityForm(
      form({
        name: "",
        symbol: "WAY-TOO-LONG-SYMBOL",
        joinPolicy: "Purchase",
        price: "0",
        votingPeriod: "0",
        quorumPercent: "101",
        proposalThreshold: "one",
        votingDelay: "soon",
        guardian: "0x1234",
      }),
      creator,
      salt,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.problems).sort()).toEqual(
      [
        "guardian",
        "name",
        "price",
        "proposalThreshold",
        "quorumPercent",
        "symbol",
        "votingDelay",
        "votingPeriod",
      ].sort(),
    );
    expect(result.problems.quorumPercent).toBe("Must be between 0 and 100.");
    expect(result.problems.price).toBe("Enter an amount above zero.");
  });

  it("counts the name's length in bytes, as the contract does", () => {
    expect(parseCommunityForm(form({ name: "é".repeat(32) }), creator, salt).ok).toBe(true);
    expect(parseCommunityForm(form({ name: "é".repeat(33) }), creator, salt).ok).toBe(false);
  });
});

describe("randomSalt", () => {
  it("gives 32 fresh bytes each time", () => {
    const a = randomSalt();
    expect(a).toMatch(/^0x[0-9a-f]{64}$/);
    expect(randomSalt()).not.toBe(a);
  });
});
