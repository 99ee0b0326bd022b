// Makes the contract typings Hardhat writes on `hardhat compile` (artifacts/**/artifacts.d.ts)
// visible to the root tsconfig, which does not include artifacts/. With them, hardhat-viem's
// `deployContract("UnitRegistry")` returns a contract typed by its ABI. Like
// contracts/generated/, they exist only after `npm run build:contracts`.
import type {} from "../../artifacts/contracts/land/UnitRegistry.sol/artifacts.js";
import type {} from "../../artifacts/contracts/token/MarkToken.sol/artifacts.js";
import type {} from "../../artifacts/contracts/test/harness/UnitAddressHarness.sol/artifacts.js";
import type {} from "../../artifacts/contracts/test/mocks/UnitReceivers.sol/artifacts.js";
import type {} from "../../artifacts/contracts/test/compat/CompatProbe.sol/artifacts.js";
import type {} from "../../artifacts/contracts/test/compat/CompatChild.sol/artifacts.js";
import type {} from "../../artifacts/contracts/governance/WrappedMark.sol/artifacts.js";
import type {} from "../../artifacts/contracts/governance/MarkGovernor.sol/artifacts.js";
import type {} from "../../artifacts/contracts/governance/MarkTreasury.sol/artifacts.js";
import type {} from "../../artifacts/contracts/governance/MarkParameters.sol/artifacts.js";
import type {} from "../../artifacts/contracts/governance/MarkAccessManager.sol/artifacts.js";
import type {} from "../../artifacts/contracts/land/UnitSale.sol/artifacts.js";
import type {} from "../../artifacts/contracts/land/FloorSale.sol/artifacts.js";
import type {} from "../../artifacts/contracts/test/compat/NoteEmitter.sol/artifacts.js";
import type {} from "../../artifacts/contracts/land/UnitNames.sol/artifacts.js";
import type {} from "../../artifacts/contracts/land/UnitMetadata.sol/artifacts.js";
