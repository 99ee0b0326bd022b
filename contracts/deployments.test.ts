import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deploymentPath, loadDeployment, type Deployment } from "./deployments.ts";
import { sampleDeployment } from "./testing.ts";

const valid: Deployment = sampleDeployment({
  chainId: 11155111,
  network: "sepolia",
  contracts: {
    MarkToken: { address: "0x5FbDB2315678afecb367f032d93F642f64180aa3", startBlock: 1 },
    UnitRegistry: { address: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512", startBlock: 2 },
  },
});

describe("deployments", () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "markspace-deployments-"));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function writeRecord(chainId: number, content: unknown): Promise<void> {
    const text = typeof content === "string" ? content : JSON.stringify(content);
    await writeFile(join(dir, `${chainId}.json`), text);
  }

  describe("deploymentPath", () => {
    it("joins the folder and the chain id, with or without a trailing slash", () => {
      expect(deploymentPath(1, "/srv/deployments")).toBe("/srv/deployments/1.json");
      expect(deploymentPath(1, "/srv/deployments/")).toBe("/srv/deployments/1.json");
    });
  });

  describe("loadDeployment", () => {
    it("returns a valid record", async () => {
      await writeRecord(11155111, valid);
      expect(loadDeployment(11155111, dir)).toEqual(valid);
    });

    describe("when the record is missing", () => {
      it("names the chain and the file and says how to create it", () => {
        expect(() => loadDeployment(31337, dir)).toThrow(
          `No deployment for chain 31337: ${join(dir, "31337.json")} is missing (run the deploy script first)`,
        );
      });
    });

    describe("when the file is not JSON", () => {
      it("names the file", async () => {
        await writeRecord(1, "{ not json");
        expect(() => loadDeployment(1, dir)).toThrow(`Deployment file ${join(dir, "1.json")} is not valid JSON`);
      });
    });

    describe("when a field is invalid", () => {
      it("names the address field that is malformed", async () => {
        await writeRecord(1, {
          ...valid,
          contracts: { ...valid.contracts, UnitRegistry: { address: "0x1234", startBlock: 2 } },
        });
        expect(() => loadDeployment(1, dir)).toThrow(
          new RegExp(`Deployment file ${join(dir, "1.json")} is invalid: contracts\\.UnitRegistry\\.address: `),
        );
        expect(() => loadDeployment(1, dir)).toThrow(/an 0x-prefixed 20-byte address/);
      });

      it("names a missing contract", async () => {
        const { MarkToken: _missing, ...contracts } = valid.contracts;
        await writeRecord(1, { ...valid, contracts });
        expect(() => loadDeployment(1, dir)).toThrow(/is invalid: contracts\.MarkToken: /);
      });

      it("names every bad field at once", async () => {
        await writeRecord(1, {
          chainId: 0,
          network: "",
          contracts: { ...valid.contracts, MarkToken: { ...valid.contracts.MarkToken, startBlock: -1 } },
        });
        let message = "";
        try {
          loadDeployment(1, dir);
        } catch (error) {
          message = (error as Error).message;
        }
        expect(message).toMatch(/chainId: /);
        expect(message).toMatch(/network: /);
        expect(message).toMatch(/contracts\.MarkToken\.startBlock: /);
      });
    });
  });
});
