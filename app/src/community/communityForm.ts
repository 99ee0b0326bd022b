/**
 * The create-a-community wizard's form, validated with zod into the factory's `CommunityConfig`
 * (`CommunityFactory.createCommunity`): the name and symbol, the creator as sole founder, the
 * membership mode and price, the governance settings and a random salt. Each problem names the
 * field it belongs to, so the wizard shows it beside that input.
 */
import { z } from "zod";
import { isAddress, getAddress, toHex, type Address, type Hex } from "viem";
import { parseAmount } from "../economy/amountInput.ts";
import { parseDuration } from "./duration.ts";

/** The membership's `JoinPolicy` enum, by index. */
export const JOIN_POLICIES = ["InviteOnly", "Purchase", "Open"] as const;
export type JoinPolicyName = (typeof JOIN_POLICIES)[number];

/** What the wizard's inputs hold (all text, as typed). */
export type CommunityFormInput = {
  name: string;
  symbol: string;
  joinPolicy: JoinPolicyName;
  /** MRK per membership, under `Purchase`. */
  price: string;
  votingDelay: string;
  votingPeriod: string;
  /** Percent of the members whose For or Abstain votes a proposal needs (0–100). */
  quorumPercent: string;
  /** Memberships needed to propose. */
  proposalThreshold: string;
  timelockDelay: string;
  /** Whether a guardian may cancel any proposal (until the community switches it off). */
  guardianOn: boolean;
  /** The guardian's address; empty for the creator. */
  guardian: string;
};

export const DEFAULT_COMMUNITY_FORM: CommunityFormInput = {
  name: "",
  symbol: "",
  joinPolicy: "Open",
  price: "",
  votingDelay: "1h",
  votingPeriod: "3d",
  quorumPercent: "20",
  proposalThreshold: "1",
  timelockDelay: "1d",
  guardianOn: true,
  guardian: "",
};

/** The factory's `CommunityConfig`, as viem encodes it. */
export type CommunityConfig = {
  name: string;
  symbol: string;
  founders: readonly Address[];
  settings: {
    guardian: Address;
    votingDelay: number;
    votingPeriod: number;
    proposalThreshold: number;
    quorumPercent: number;
    timelockDelay: number;
    joinPolicy: number;
    membershipPrice: bigint;
  };
  salt: Hex;
};

export type CommunityFormResult =
  { ok: true; config: CommunityConfig } | { ok: false; problems: Partial<Record<keyof CommunityFormInput, string>> };

const ZERO: Address = "0x0000000000000000000000000000000000000000";
const UINT32_MAX = 2n ** 32n - 1n;
const UINT48_MAX = 2n ** 48n - 1n;
const UINT88_MAX = 2n ** 88n - 1n;
const utf8Length = (text: string) => new TextEncoder().encode(text).length;

function seconds(max: bigint, min: bigint) {
  return z.string().transform((text, ctx) => {
    const parsed = parseDuration(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    if (parsed.seconds < min || parsed.seconds > max) {
      ctx.addIssue({ code: "custom", message: min > 0n ? "Must be at least 1 second." : "Too long." });
      return z.NEVER;
    }
    return Number(parsed.seconds);
  });
}

const wholeNumber = (min: bigint, max: bigint, what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `Enter ${what} as a whole number.`)
    .transform((text, ctx) => {
      const value = BigInt(text);
      if (value < min || value > max) {
        ctx.addIssue({ code: "custom", message: `Must be between ${min} and ${max}.` });
        return z.NEVER;
      }
      return Number(value);
    });

const formSchema = z.object({
  name: z
    .string()
    .trim()
    .refine((v) => utf8Length(v) >= 1 && utf8Length(v) <= 64, "The name takes 1 to 64 bytes."),
  symbol: z
    .string()
    .trim()
    .refine((v) => utf8Length(v) >= 1 && utf8Length(v) <= 16, "The symbol takes 1 to 16 bytes."),
  joinPolicy: z.enum(JOIN_POLICIES),
  price: z.string(),
  votingDelay: seconds(UINT48_MAX, 0n),
  votingPeriod: seconds(UINT32_MAX, 1n),
  quorumPercent: wholeNumber(0n, 100n, "the quorum"),
  proposalThreshold: wholeNumber(0n, UINT32_MAX, "the threshold"),
  timelockDelay: seconds(UINT32_MAX, 0n),
  guardianOn: z.boolean(),
  guardian: z.string().trim(),
});

/** A random 32-byte salt (a new one per community keeps its addresses apart). */
export function randomSalt(): Hex {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return toHex(bytes);
}

/**
 * Validates the form into the factory's config, with `creator` as the one founder (and the
 * guardian when the guardian is on and no other address is given).
 */
export function parseCommunityForm(input: CommunityFormInput, creator: Address, salt: Hex): CommunityFormResult {
  const problems: Partial<Record<keyof CommunityFormInput, string>> = {};
  const parsed = formSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof CommunityFormInput;
      problems[field] ??= issue.message;
    }
  }
  let price = 0n;
  if (input.joinPolicy === "Purchase") {
    const amount = parseAmount(input.price);
    if (!amount.ok) problems.price = amount.message;
    else if (amount.wei === 0n) problems.price = "A membership for sale needs a price above 0.";
    else if (amount.wei > UINT88_MAX) problems.price = "The price is too large.";
    else price = amount.wei;
  }
  let guardian = ZERO;
  if (input.guardianOn) {
    const text = input.guardian.trim();
    if (text === "") guardian = creator;
    else if (!isAddress(text, { strict: false })) problems.guardian = "The guardian is not an address.";
    else guardian = getAddress(text);
  }
  if (!parsed.success || Object.keys(problems).length > 0) return { ok: false, problems };
  const form = parsed.data;
  return {
    ok: true,
    config: {
      name: form.name,
      symbol: form.symbol,
      founders: [creator],
      settings: {
        guardian,
        votingDelay: form.votingDelay,
        votingPeriod: form.votingPeriod,
        proposalThreshold: form.proposalThreshold,
        quorumPercent: form.quorumPercent,
        timelockDelay: form.timelockDelay,
        joinPolicy: JOIN_POLICIES.indexOf(form.joinPolicy),
        membershipPrice: price,
      },
      salt,
    },
  };
}
