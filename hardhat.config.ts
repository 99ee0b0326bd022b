import { createRequire } from "node:module";
import { defineConfig } from "hardhat/config";
import hardhatViem from "@nomicfoundation/hardhat-viem";
import hardhatNetworkHelpers from "@nomicfoundation/hardhat-network-helpers";

const require = createRequire(import.meta.url);

/** solc comes from the pinned `solc` npm package, so nothing is downloaded at build time. */
const SOLC_VERSION = "0.8.30";
const solcPath = require.resolve("solc/soljson.js");
const RENDER_JOBS_RUNS = 800;

function solcSettings(runs: number, viaIR = false) {
  return { optimizer: { enabled: true, runs }, evmVersion: "cancun", ...(viaIR ? { viaIR } : {}) };
}

export default defineConfig({
  plugins: [hardhatViem, hardhatNetworkHelpers],
  solidity: {
    compilers: [{ version: SOLC_VERSION, path: solcPath, settings: solcSettings(1_000_000) }],
    overrides: {
      // Tuned for size: at 1,000,000 runs it passes the 24 KiB code limit (EIP-170). Through the IR
      // pipeline, which packs it far smaller than the legacy one (23,415 bytes against 26,070 at
      // 800 runs; the legacy pipeline passes the limit even at 1 run once probes are in).
      "contracts/render/RenderJobs.sol": {
        version: SOLC_VERSION,
        path: solcPath,
        settings: solcSettings(RENDER_JOBS_RUNS, true),
      },
      // Tuned for gas: the IR pipeline inlines `rent`'s helpers (about 700 gas off a lease).
      "contracts/market/LeaseBook.sol": {
        version: SOLC_VERSION,
        path: solcPath,
        settings: solcSettings(1_000_000, true),
      },
    },
  },
  paths: {
    sources: "contracts",
    tests: { solidity: "contracts/test" },
  },
  test: {
    solidity: {
      fuzz: { runs: 256 },
    },
  },
  networks: {
    localhost: {
      type: "http",
      chainType: "l1",
      url: process.env.MARKSPACE_RPC_URL ?? "http://127.0.0.1:8545",
    },
  },
});
