// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "./Test.sol";
import {MockParameters} from "../mocks/MockParameters.sol";
import {LandRights} from "../../land/LandRights.sol";
import {MarkAccessManager} from "../../governance/MarkAccessManager.sol";
import {IUnitMetadata} from "../../interfaces/IUnitMetadata.sol";
import {IUnitNames} from "../../interfaces/IUnitNames.sol";
import {IUnitRegistry} from "../../interfaces/IUnitRegistry.sol";
import {UnitRegistry} from "../../land/UnitRegistry.sol";
import {UnitNames} from "../../land/UnitNames.sol";
import {UnitMetadata} from "../../land/UnitMetadata.sol";

/// @notice Shared set-up of the names and metadata tests: a registry whose land offices are the
/// test itself (it mints with no cap) and the names contract (no allowance), the names and the
/// metadata renderer wired as `scripts/deploy.ts` wires them, and named accounts. The test
/// contract is the access manager's admin, so it is governance too.
abstract contract NamesFixture is Test {
    /// @notice The seed's example address: `R-0042-07-12-003`.
    uint256 internal constant HOME = 0x00_01_002a_07_0c_0003;
    uint256 internal constant NEXT_DOOR = HOME + 1;
    /// @notice Unit 0 of floor 5 of building 0, neighbourhood 9, Community district (bought whole).
    uint256 internal constant FLOOR = 0x00_03_0009_00_05_0000;
    /// @notice External surface 17 of the home's floor: `R-0042-07-12-X017`.
    uint256 internal constant BILLBOARD = 0x01_01_002a_07_0c_0011;
    uint40 internal constant PAID_UNTIL = 1_900_000_000;
    /// @notice sha2-256 digest of a scene manifest: what `setContent` stores.
    bytes32 internal constant SCENE = 0x2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae;
    string internal constant UNITS_URL = "http://127.0.0.1:3000/units/";

    MarkAccessManager internal manager;
    MockParameters internal params;
    UnitRegistry internal registry;
    UnitNames internal names;
    UnitMetadata internal metadata;
    address internal alice;
    address internal bob;
    address internal carol;

    function setUp() public virtual {
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        carol = makeAddr("carol");
        manager = new MarkAccessManager(address(this));
        params = new MockParameters();
        // The registry copies each unit type's rights when it is deployed.
        params.set(LandRights.RIGHTS_RESIDENTIAL, 0);
        params.set(LandRights.RIGHTS_COMMERCIAL, LandRights.SELL | LandRights.RENT);
        params.set(LandRights.RIGHTS_COMMUNITY, LandRights.SELL | LandRights.RENT);
        params.set(LandRights.RIGHTS_EXTERNAL, LandRights.ADVERTISING | LandRights.SELL | LandRights.RENT);
        // Names and metadata come right after the registry, which names them.
        uint256 nonce = vm.getNonce(address(this));
        address namesAt = vm.computeCreateAddress(address(this), nonce + 1);
        address metadataAt = vm.computeCreateAddress(address(this), nonce + 2);
        address[] memory offices = new address[](2);
        uint64[] memory allowances = new uint64[](2);
        (offices[0], allowances[0]) = (address(this), type(uint64).max);
        (offices[1], allowances[1]) = (namesAt, 0);
        registry = new UnitRegistry(
            address(manager),
            params,
            IUnitMetadata(metadataAt),
            0,
            offices,
            allowances,
            address(0)
        );
        names = new UnitNames(registry);
        metadata = new UnitMetadata(registry, names, UNITS_URL);
        assertEq(address(names), namesAt, "names address");
        assertEq(address(metadata), metadataAt, "metadata address");
    }

    /// @notice Mints `unitId` to `owner` with storage paid until `PAID_UNTIL`.
    function _mint(address owner, uint256 unitId) internal {
        registry.mint(owner, unitId, PAID_UNTIL);
    }

    /// @notice Names `unitId` as `owner`.
    function _name(address owner, uint256 unitId, string memory label) internal {
        vm.prank(owner);
        names.setName(unitId, label);
    }

    function _expectUnauthorized(uint256 unitId, address account) internal {
        vm.expectRevert(abi.encodeWithSelector(IUnitNames.UnitNameUnauthorized.selector, unitId, account));
    }

    function _setPrivacy(address owner, uint256 unitId, IUnitRegistry.Privacy privacy) internal {
        vm.prank(owner);
        registry.setPrivacy(unitId, privacy);
    }
}
