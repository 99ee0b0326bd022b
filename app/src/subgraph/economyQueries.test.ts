import { describe, expect, it } from "vitest";
import { parseEther } from "viem";
import { parseGraphqlBody } from "./requestGraphql.ts";
import { governanceDataSchema, tokenFundsDataSchema } from "./economyQueries.ts";

const url = "http://127.0.0.1:8000/subgraphs/name/markspace";
const meta = { block: { number: 12 }, hasIndexingErrors: false };

describe("economy query schemas", () => {
  it("turns a fund's decimal strings into bigints and its addresses into checksummed ones", () => {
    const data = parseGraphqlBody(
      url,
      {
        data: {
          token: { totalSupply: parseEther("3000000000").toString(), fundCount: 9 },
          funds: [
            {
              id: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
              index: 0,
              name: "Closed pre-sale fund",
              amount: parseEther("200000000").toString(),
              releaseAt: "1804809600",
              beneficiary: "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
              released: "0",
              balance: parseEther("200000000").toString(),
            },
          ],
          _meta: meta,
        },
      },
      tokenFundsDataSchema,
    );
    expect(data.token?.totalSupply).toBe(parseEther("3000000000"));
    expect(data.funds[0]).toMatchObject({
      id: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      beneficiary: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
      releaseAt: 1804809600n,
      released: 0n,
    });
  });

  it("reads a proposal with its calls and a null eta", () => {
    const data = parseGraphqlBody(
      url,
      {
        data: {
          governance: null,
          parameters: [],
          proposals: [
            {
              id: "42",
              proposalId: "42",
              proposer: { id: "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266" },
              targets: ["0x5fbdb2315678afecb367f032d93f642f64180aa3"],
              values: ["0"],
              calldatas: ["0x1234"],
              description: "Raise the limit",
              voteStart: "100",
              voteEnd: "200",
              forVotes: "1",
              againstVotes: "0",
              abstainVotes: "0",
              voteCount: 1,
              lastEventState: "PENDING",
              eta: null,
              createdAtBlock: "5",
              createdAtTimestamp: "99",
            },
          ],
          _meta: meta,
        },
      },
      governanceDataSchema,
    );
    expect(data.proposals[0]).toMatchObject({ proposalId: 42n, values: [0n], calldatas: ["0x1234"], eta: null });
  });
});
