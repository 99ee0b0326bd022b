// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {MrkFixture} from "./MrkFixture.sol";
import {IUnitMetadata} from "../../interfaces/IUnitMetadata.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {MarkParameters} from "../../governance/MarkParameters.sol";
import {IParameterWatcher} from "../../interfaces/IMarkParameters.sol";
import {MarkAccessManager} from "../../governance/MarkAccessManager.sol";
import {UnitRegistry} from "../../land/UnitRegistry.sol";
import {UnitSale} from "../../land/UnitSale.sol";
import {FloorSale} from "../../land/FloorSale.sol";
import {LandSaleBase} from "../../land/LandSaleBase.sol";
import {LandRights} from "../../land/LandRights.sol";

/// @title LandFixture
/// @notice The land as deployed (`contracts/registry.ts`): MRK, the parameter store with the
/// land's genesis values (`contracts/governance/parameters.ts`), the `MarkAccessManager` whose
/// admin is `governance` (the treasury timelock's stand-in), the `UnitRegistry` with free claims
/// open and its two land offices appointed in its constructor (their addresses predicted, as the deploy script
/// does), and buyers funded with MRK. All at `T0`.
abstract contract LandFixture is MrkFixture {
    uint256 internal constant T0 = 1_750_000_000;
    uint256 internal constant BUYER_MRK = 100_000_000 * MRK;

    uint64 internal constant FREE_CLAIM_CAP = 1_000_000;
    uint64 internal constant UNLIMITED = type(uint64).max;
    uint256 internal constant UNITS_PER_FLOOR = 625;
    uint256 internal constant UNITS_PER_BUILDING = 625 * 36;

    // Genesis values of the land's parameters.
    uint256 internal constant PRICE_RESIDENTIAL = 250 * MRK;
    uint256 internal constant PRICE_COMMERCIAL = 1_000 * MRK;
    uint256 internal constant PRICE_COMMUNITY = 10 * MRK;
    uint256 internal constant PRICE_EXTERNAL = 10_000 * MRK;
    uint256 internal constant ROOM_RESIDENTIAL = 100 * MRK;
    uint256 internal constant ROOM_COMMERCIAL = 500 * MRK;
    uint256 internal constant ROOM_COMMUNITY = 10 * MRK;
    uint256 internal constant STORAGE_FEE_BPS = 120;
    uint256 internal constant RENDERING_FUND_SHARE_BPS = 5_000;
    uint256 internal constant MAX_PRICE = 1_000_000 * MRK;

    uint256 internal constant RIGHTS_COMMERCIAL = 27; // e-commerce, CRM, sell, rent
    uint256 internal constant RIGHTS_EXTERNAL = 28; // advertising, sell, rent

    /// @dev `R-0042-07-12-003` and its neighbours on floor 12 of building 7, neighbourhood 42.
    uint256 internal constant HOME = 0x00_01_002a_07_0c_0003;
    uint256 internal constant NEXT_DOOR = 0x00_01_002a_07_0c_0004;
    uint256 internal constant HOME_FLOOR = 0x00_01_002a_07_0c_0000;
    /// @dev The same place in the other seed districts, and a facade panel (`R-0042-07-12-X017`).
    uint256 internal constant OFFICE = 0x00_02_002a_07_0c_0003;
    uint256 internal constant OFFICE_NEXT_DOOR = 0x00_02_002a_07_0c_0004;
    /// @dev `OFFICE`'s floor and building: the floor-range tests run there, since Residential
    /// floors are never sold whole.
    uint256 internal constant OFFICE_FLOOR = 0x00_02_002a_07_0c_0000;
    uint256 internal constant OFFICE_BUILDING = 0x00_02_002a_07_00_0000;
    uint256 internal constant HALL = 0x00_03_002a_07_0c_0003;
    uint256 internal constant SHOP = 0x00_04_002a_07_0c_0003;
    uint256 internal constant BILLBOARD = 0x01_01_002a_07_0c_0011;
    /// @dev A floor and a building nobody touches in `OFFICE`'s neighbourhood.
    uint256 internal constant FREE_FLOOR = 0x00_02_002a_08_03_0000;
    uint256 internal constant FREE_BUILDING = 0x00_02_002a_09_00_0000;

    MarkParameters internal params;
    MarkAccessManager internal manager;
    UnitRegistry internal registry;
    UnitSale internal unitSale;
    FloorSale internal floorSale;

    address internal treasury;

    function setUp() public virtual {
        vm.warp(T0);
        treasury = makeAddr("treasury");
        _setUpMrk();
        // The store names the registry its watcher, the registry names its offices, and the
        // offices name the registry: predict the CREATE addresses (store, manager, registry, offices).
        uint256 nonce = vm.getNonce(address(this));
        params = new MarkParameters(
            governance,
            _landDefinitions(),
            IParameterWatcher(vm.computeCreateAddress(address(this), nonce + 2))
        );
        manager = new MarkAccessManager(governance);
        nonce += 2;
        address[] memory offices = new address[](2);
        offices[0] = vm.computeCreateAddress(address(this), nonce + 1);
        offices[1] = vm.computeCreateAddress(address(this), nonce + 2);
        uint64[] memory allowances = new uint64[](2);
        allowances[0] = UNLIMITED;
        allowances[1] = UNLIMITED;
        registry = new UnitRegistry(
            address(manager),
            params,
            IUnitMetadata(address(0)),
            FREE_CLAIM_CAP,
            offices,
            allowances,
            address(0)
        );
        assertEq(address(registry), address(params.watcher()), "predicted registry");
        unitSale = new UnitSale(registry, IERC20(address(mrk)), params, treasury, renderingFund);
        floorSale = new FloorSale(registry, IERC20(address(mrk)), params, treasury, renderingFund);
        assertEq(address(unitSale), offices[0], "predicted UnitSale");
        assertEq(address(floorSale), offices[1], "predicted FloorSale");

        _fundActors(BUYER_MRK);
    }

    // --- Accounts and MRK -----------------------------------------------------------------------

    function _approveMrk(address owner, address spender, uint256 amount) internal {
        vm.prank(owner);
        mrk.approve(spender, amount);
    }

    /// @dev No permit: the sale uses the allowance given before.
    function _noPermit() internal pure returns (LandSaleBase.Permit memory) {
        return LandSaleBase.Permit({value: 0, deadline: 0, v: 0, r: bytes32(0), s: bytes32(0)});
    }

    /// @dev An EIP-2612 permit for `spender` signed by the account named `ownerName`.
    function _permit(
        string memory ownerName,
        address spender,
        uint256 value,
        uint256 deadline
    ) internal view returns (LandSaleBase.Permit memory permit) {
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ownerName, spender, value, deadline);
        permit = LandSaleBase.Permit({value: value, deadline: deadline, v: v, r: r, s: s});
    }

    /// @dev MRK held by a buyer, the treasury and the rendering fund at one moment.
    struct MrkBalances {
        uint256 buyer;
        uint256 treasury;
        uint256 renderingFund;
    }

    function _mrkBalances(address buyer) internal view returns (MrkBalances memory) {
        return MrkBalances(mrk.balanceOf(buyer), mrk.balanceOf(treasury), mrk.balanceOf(renderingFund));
    }

    /// @dev `amount` left the buyer since `before`, split by the current `land.renderingFundShareBps`
    /// (rounded down for the fund; the treasury gets the rest).
    function _assertPaid(MrkBalances memory before, address buyer, uint256 amount) internal view {
        uint256 toFund = (amount * params.get(LandRights.RENDERING_FUND_SHARE_BPS)) / 10_000;
        assertEq(before.buyer - mrk.balanceOf(buyer), amount, "paid by the buyer");
        assertEq(mrk.balanceOf(renderingFund) - before.renderingFund, toFund, "to the rendering fund");
        assertEq(mrk.balanceOf(treasury) - before.treasury, amount - toFund, "to the treasury");
    }

    // --- Land offices -------------------------------------------------------------------------

    function _claim(address who, uint256 unitId) internal {
        vm.prank(who);
        registry.claim(unitId);
    }

    /// @dev Buys `unitId` for `who` through the allowance, at the quoted price.
    function _buy(address who, uint256 unitId, uint8 rooms, uint32 storageDays) internal returns (uint256 paid) {
        (uint256 price, uint256 storageCost) = unitSale.quote(unitId, rooms, storageDays);
        paid = price + storageCost;
        _approveMrk(who, address(unitSale), paid);
        vm.prank(who);
        unitSale.buy(unitId, rooms, storageDays, paid, _noPermit());
    }

    function _buyFloor(address who, uint256 floorId, uint32 storageDays) internal returns (uint256 paid) {
        (uint256 price, uint256 storageCost) = floorSale.quoteFloor(floorId, storageDays);
        paid = price + storageCost;
        _approveMrk(who, address(floorSale), paid);
        vm.prank(who);
        floorSale.buyFloor(floorId, storageDays, paid, _noPermit());
    }

    function _buyBuilding(address who, uint256 buildingId, uint32 storageDays) internal returns (uint256 paid) {
        (uint256 price, uint256 storageCost) = floorSale.quoteBuilding(buildingId, storageDays);
        paid = price + storageCost;
        _approveMrk(who, address(floorSale), paid);
        vm.prank(who);
        floorSale.buyBuilding(buildingId, storageDays, paid, _noPermit());
    }

    // --- Governance ----------------------------------------------------------------------------

    function _setParameter(bytes32 key, uint256 value) internal {
        vm.prank(governance);
        params.set(key, value);
    }

    function _setFreeClaimsLeft(uint64 left) internal {
        vm.prank(governance);
        registry.setFreeClaimsLeft(left);
    }

    function _setLandOffice(address office, bool active, uint64 allowance) internal {
        vm.prank(governance);
        registry.setLandOffice(office, active, allowance);
    }

    function _setRentalsOffice(address office) internal {
        vm.prank(governance);
        registry.setRentalsOffice(office);
    }

    // --- Addresses ----------------------------------------------------------------------------

    /// @dev A unit id from its fields, without validation (tests build invalid ones on purpose).
    function _unitId(
        uint256 space,
        uint256 district,
        uint256 neighbourhood,
        uint256 building,
        uint256 floor,
        uint256 unit
    ) internal pure returns (uint256) {
        return (space << 56) | (district << 48) | (neighbourhood << 32) | (building << 24) | (floor << 16) | unit;
    }

    // --- Parameters ----------------------------------------------------------------------------

    /// @dev The land's parameters with their genesis values and bounds (`parameters.ts`).
    function _landDefinitions() internal pure returns (MarkParameters.Definition[] memory defs) {
        defs = new MarkParameters.Definition[](13);
        defs[0] = _definition("land.rights.residential", 0, LandRights.ALL, 0);
        defs[1] = _definition("land.rights.commercial", 0, LandRights.ALL, RIGHTS_COMMERCIAL);
        defs[2] = _definition("land.rights.community", 0, LandRights.ALL, RIGHTS_COMMERCIAL);
        defs[3] = _definition("land.rights.external", 0, LandRights.ALL, RIGHTS_EXTERNAL);
        defs[4] = _definition("land.price.residential", 0, MAX_PRICE, PRICE_RESIDENTIAL);
        defs[5] = _definition("land.price.commercial", 0, MAX_PRICE, PRICE_COMMERCIAL);
        defs[6] = _definition("land.price.community", 0, MAX_PRICE, PRICE_COMMUNITY);
        defs[7] = _definition("land.price.external", 0, MAX_PRICE, PRICE_EXTERNAL);
        defs[8] = _definition("land.roomPrice.residential", 0, MAX_PRICE, ROOM_RESIDENTIAL);
        defs[9] = _definition("land.roomPrice.commercial", 0, MAX_PRICE, ROOM_COMMERCIAL);
        defs[10] = _definition("land.roomPrice.community", 0, MAX_PRICE, ROOM_COMMUNITY);
        defs[11] = _definition("land.storageFeeBps", 0, 1_000, STORAGE_FEE_BPS);
        defs[12] = _definition("land.renderingFundShareBps", 0, 10_000, RENDERING_FUND_SHARE_BPS);
    }

    function _definition(
        string memory name,
        uint256 min,
        uint256 max,
        uint256 value
    ) private pure returns (MarkParameters.Definition memory) {
        return MarkParameters.Definition({name: name, min: min, max: max, value: value});
    }
}
