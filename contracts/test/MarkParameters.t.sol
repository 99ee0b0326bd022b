// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Test} from "./utils/Test.sol";
import {IMarkParameters, IParameterWatcher} from "../interfaces/IMarkParameters.sol";
import {MarkParameters} from "../governance/MarkParameters.sol";

/// @dev Records what the store tells it; reverts when told to.
contract RecordingWatcher is IParameterWatcher {
    error Refused();

    bytes32 public lastKey;
    uint256 public lastValue;
    uint256 public calls;
    bool public refuse;

    function setRefuse(bool refuse_) external {
        refuse = refuse_;
    }

    function parameterChanged(bytes32 key, uint256 value) external {
        if (refuse) revert Refused();
        (lastKey, lastValue) = (key, value);
        ++calls;
    }
}

contract MarkParametersTest is Test {
    IParameterWatcher internal constant NO_WATCHER = IParameterWatcher(address(0));
    MarkParameters internal params;
    address internal owner;
    address internal stranger;

    bytes32 internal constant FEE = keccak256("market.feeBps");
    bytes32 internal constant AGE = keccak256("sale.maxPriceAge");
    bytes32 internal constant NEW = keccak256("land.openDistricts");

    function setUp() public {
        owner = makeAddr("treasury");
        stranger = makeAddr("stranger");
        MarkParameters.Definition[] memory defs = new MarkParameters.Definition[](2);
        defs[0] = MarkParameters.Definition({name: "market.feeBps", min: 0, max: 1_000, value: 250});
        defs[1] = MarkParameters.Definition({name: "sale.maxPriceAge", min: 60, max: 1 days, value: 1 hours});
        params = new MarkParameters(owner, defs, NO_WATCHER);
    }

    // =========================================================================================
    // Construction and reading
    // =========================================================================================

    function test_constructor_DefinesTheInitialKeysInOrder() public view {
        assertEq(params.owner(), owner, "owner");
        assertEq(params.parameterCount(), 2, "count");
        assertEq(params.keyAt(0), FEE, "key 0");
        assertEq(params.keyAt(1), AGE, "key 1");
        assertEq(params.get(FEE), 250, "fee");
        assertEq(params.getByName("sale.maxPriceAge"), 1 hours, "age by name");
        (uint256 min, uint256 max) = params.bounds(AGE);
        assertEq(min, 60, "min");
        assertEq(max, 1 days, "max");
        assertEq(params.nameOf(FEE), "market.feeBps", "name");
        assertTrue(params.isDefined(FEE), "fee defined");
        assertFalse(params.isDefined(NEW), "new undefined");
    }

    function test_constructor_EmitsParameterDefined() public {
        MarkParameters.Definition[] memory defs = new MarkParameters.Definition[](1);
        defs[0] = MarkParameters.Definition({name: "market.feeBps", min: 0, max: 1_000, value: 250});
        vm.expectEmit();
        emit IMarkParameters.ParameterDefined(FEE, "market.feeBps", 0, 1_000, 250);
        new MarkParameters(owner, defs, NO_WATCHER);
    }

    function test_constructor_RevertWhen_ADefinitionRepeats() public {
        MarkParameters.Definition[] memory defs = new MarkParameters.Definition[](2);
        defs[0] = MarkParameters.Definition({name: "market.feeBps", min: 0, max: 1_000, value: 250});
        defs[1] = MarkParameters.Definition({name: "market.feeBps", min: 0, max: 10, value: 1});
        vm.expectRevert(abi.encodeWithSelector(IMarkParameters.ParameterAlreadyDefined.selector, FEE));
        new MarkParameters(owner, defs, NO_WATCHER);
    }

    function test_constructor_RevertWhen_OwnerIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new MarkParameters(address(0), new MarkParameters.Definition[](0), NO_WATCHER);
    }

    // =========================================================================================
    // Watcher
    // =========================================================================================

    function test_watcher_IsToldOfEverySetAndDefinition() public {
        RecordingWatcher watcher = new RecordingWatcher();
        vm.expectEmit();
        emit MarkParameters.WatcherSet(address(watcher));
        vm.prank(owner);
        params.setWatcher(watcher);
        assertEq(address(params.watcher()), address(watcher), "watcher");

        vm.prank(owner);
        params.set(FEE, 300);
        assertEq(watcher.lastKey(), FEE, "set key");
        assertEq(watcher.lastValue(), 300, "set value");
        vm.prank(owner);
        params.defineParameter("land.openDistricts", 0, 10, 4);
        assertEq(watcher.lastKey(), NEW, "defined key");
        assertEq(watcher.lastValue(), 4, "defined value");
        assertEq(watcher.calls(), 2, "calls");
    }

    function test_watcher_ThatRevertsRevertsTheChangeUntilReplaced() public {
        RecordingWatcher watcher = new RecordingWatcher();
        watcher.setRefuse(true);
        vm.startPrank(owner);
        params.setWatcher(watcher);
        vm.expectRevert(RecordingWatcher.Refused.selector);
        params.set(FEE, 300);
        assertEq(params.get(FEE), 250, "unchanged");
        params.setWatcher(NO_WATCHER);
        params.set(FEE, 300);
        vm.stopPrank();
        assertEq(params.get(FEE), 300, "changed without a watcher");
    }

    function test_setWatcher_RevertWhen_CallerIsNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        params.setWatcher(NO_WATCHER);
    }

    function test_get_RevertWhen_KeyUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMarkParameters.ParameterUnknown.selector, NEW));
        params.get(NEW);
    }

    function test_getByName_RevertWhen_NameUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMarkParameters.ParameterUnknown.selector, NEW));
        params.getByName("land.openDistricts");
    }

    function test_bounds_RevertWhen_KeyUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMarkParameters.ParameterUnknown.selector, NEW));
        params.bounds(NEW);
    }

    function test_nameOf_RevertWhen_KeyUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMarkParameters.ParameterUnknown.selector, NEW));
        params.nameOf(NEW);
    }

    function test_keyAt_RevertWhen_IndexOutOfRange() public {
        vm.expectRevert(abi.encodeWithSelector(MarkParameters.ParameterIndexOutOfRange.selector, 2, 2));
        params.keyAt(2);
    }

    // =========================================================================================
    // defineParameter
    // =========================================================================================

    function test_defineParameter_AddsAListedKey() public {
        vm.expectEmit(address(params));
        emit IMarkParameters.ParameterDefined(NEW, "land.openDistricts", 1, 255, 3);
        vm.prank(owner);
        bytes32 key = params.defineParameter("land.openDistricts", 1, 255, 3);

        assertEq(key, NEW, "returned key");
        assertEq(params.get(NEW), 3, "value");
        assertEq(params.parameterCount(), 3, "count");
        assertEq(params.keyAt(2), NEW, "listed last");
        assertEq(params.nameOf(NEW), "land.openDistricts", "name");
        (uint256 min, uint256 max) = params.bounds(NEW);
        assertEq(min, 1, "min");
        assertEq(max, 255, "max");
    }

    function test_defineParameter_AcceptsTheWidestBoundsAndASinglePoint() public {
        vm.startPrank(owner);
        params.defineParameter("wide", 0, type(uint128).max, type(uint128).max);
        params.defineParameter("point", 7, 7, 7);
        vm.stopPrank();
        assertEq(params.getByName("wide"), type(uint128).max, "wide");
        assertEq(params.getByName("point"), 7, "point");
    }

    function test_defineParameter_RevertWhen_AlreadyDefined() public {
        vm.expectRevert(abi.encodeWithSelector(IMarkParameters.ParameterAlreadyDefined.selector, FEE));
        vm.prank(owner);
        params.defineParameter("market.feeBps", 0, 10_000, 500);
    }

    function test_defineParameter_RevertWhen_MinAboveMax() public {
        vm.expectRevert(abi.encodeWithSelector(IMarkParameters.ParameterInvalidDefinition.selector, NEW));
        vm.prank(owner);
        params.defineParameter("land.openDistricts", 10, 9, 9);
    }

    function test_defineParameter_RevertWhen_NameEmpty() public {
        vm.expectRevert(
            abi.encodeWithSelector(IMarkParameters.ParameterInvalidDefinition.selector, keccak256(bytes("")))
        );
        vm.prank(owner);
        params.defineParameter("", 0, 1, 0);
    }

    function test_defineParameter_RevertWhen_MaxAboveUint128() public {
        vm.expectRevert(abi.encodeWithSelector(IMarkParameters.ParameterInvalidDefinition.selector, NEW));
        vm.prank(owner);
        params.defineParameter("land.openDistricts", 0, uint256(type(uint128).max) + 1, 0);
    }

    function test_defineParameter_RevertWhen_ValueBelowMin() public {
        vm.expectRevert(abi.encodeWithSelector(IMarkParameters.ParameterOutOfBounds.selector, NEW, 0, 1, 255));
        vm.prank(owner);
        params.defineParameter("land.openDistricts", 1, 255, 0);
    }

    function test_defineParameter_RevertWhen_ValueAboveMax() public {
        vm.expectRevert(abi.encodeWithSelector(IMarkParameters.ParameterOutOfBounds.selector, NEW, 256, 1, 255));
        vm.prank(owner);
        params.defineParameter("land.openDistricts", 1, 255, 256);
    }

    function test_defineParameter_RevertWhen_CallerIsNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        params.defineParameter("land.openDistricts", 1, 255, 3);
    }

    // =========================================================================================
    // set
    // =========================================================================================

    function test_set_ChangesTheValueAndEmits() public {
        vm.expectEmit(address(params));
        emit IMarkParameters.ParameterSet(FEE, 250, 300);
        vm.prank(owner);
        params.set(FEE, 300);
        assertEq(params.get(FEE), 300);
    }

    function test_set_AcceptsExactlyMinAndMax() public {
        vm.startPrank(owner);
        params.set(AGE, 60);
        assertEq(params.get(AGE), 60, "min");
        params.set(AGE, 1 days);
        assertEq(params.get(AGE), 1 days, "max");
        vm.stopPrank();
    }

    function test_set_RevertWhen_OneBelowMin() public {
        vm.expectRevert(abi.encodeWithSelector(IMarkParameters.ParameterOutOfBounds.selector, AGE, 59, 60, 1 days));
        vm.prank(owner);
        params.set(AGE, 59);
    }

    function test_set_RevertWhen_OneAboveMax() public {
        vm.expectRevert(
            abi.encodeWithSelector(IMarkParameters.ParameterOutOfBounds.selector, AGE, 1 days + 1, 60, 1 days)
        );
        vm.prank(owner);
        params.set(AGE, 1 days + 1);
    }

    function test_set_RevertWhen_KeyUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMarkParameters.ParameterUnknown.selector, NEW));
        vm.prank(owner);
        params.set(NEW, 1);
    }

    function test_set_RevertWhen_CallerIsNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        params.set(FEE, 300);
    }

    function test_renounceOwnership_RevertWhen_TheOwnerTries() public {
        vm.expectRevert(MarkParameters.ParameterOwnerRequired.selector);
        vm.prank(owner);
        params.renounceOwnership();
        assertEq(params.owner(), owner, "owner kept");
    }

    function test_renounceOwnership_RevertWhen_CallerIsNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        params.renounceOwnership();
    }

    function testFuzz_set_WithinBoundsIsStored(uint256 value) public {
        value = bound(value, 60, 1 days);
        vm.prank(owner);
        params.set(AGE, value);
        assertEq(params.get(AGE), value);
    }

    function testFuzz_set_RevertWhen_OutsideBounds(uint256 value) public {
        vm.assume(value < 60 || value > 1 days);
        vm.expectRevert(
            abi.encodeWithSelector(IMarkParameters.ParameterOutOfBounds.selector, AGE, value, 60, 1 days)
        );
        vm.prank(owner);
        params.set(AGE, value);
    }

    function testFuzz_defineParameter_ThenSetKeepsBounds(uint128 a, uint128 b, uint256 first, uint256 next) public {
        (uint256 min, uint256 max) = a <= b ? (uint256(a), uint256(b)) : (uint256(b), uint256(a));
        first = bound(first, min, max);
        vm.startPrank(owner);
        params.defineParameter("fuzz", min, max, first);
        if (next < min || next > max) {
            vm.expectRevert(
                abi.encodeWithSelector(IMarkParameters.ParameterOutOfBounds.selector, keccak256("fuzz"), next, min, max)
            );
            params.set(keccak256("fuzz"), next);
            assertEq(params.getByName("fuzz"), first, "unchanged");
        } else {
            params.set(keccak256("fuzz"), next);
            assertEq(params.getByName("fuzz"), next, "set");
        }
        vm.stopPrank();
    }

    function test_listing_EnumeratesEveryKeyWithItsName() public {
        vm.startPrank(owner);
        params.defineParameter("a", 0, 1, 0);
        params.defineParameter("b", 0, 1, 1);
        vm.stopPrank();
        string[4] memory expected = ["market.feeBps", "sale.maxPriceAge", "a", "b"];
        assertEq(params.parameterCount(), 4, "count");
        for (uint256 i; i < 4; ++i) {
            bytes32 key = params.keyAt(i);
            assertEq(key, keccak256(bytes(expected[i])), "key");
            assertEq(params.nameOf(key), expected[i], "name");
        }
    }
}
