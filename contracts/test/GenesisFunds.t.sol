// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Test} from "./utils/Test.sol";
import {IMarkToken} from "../interfaces/IMarkToken.sol";
import {MarkToken} from "../token/MarkToken.sol";
import {FundLock} from "../token/FundLock.sol";

/// @notice The genesis as deployed: every fund of the whitepaper's table but the token sale's is
/// held by its own `FundLock`, whose release time is counted from one genesis timestamp.
contract GenesisFundsTest is Test {
    uint256 internal constant MRK = 1 ether;
    uint256 internal constant TOTAL = 3_000_000_000 * MRK;
    /// @dev An average Gregorian month (365.2425 days / 12), as `genesis-allocation.ts` counts.
    uint64 internal constant MONTH = 2_629_746;
    uint64 internal constant WEEK = 7 days;
    uint64 internal constant GENESIS = 1_800_000_000;
    uint256 internal constant SALE = 1; // index of the token sale fund, held by the sale itself

    MarkToken internal token;
    FundLock[9] internal locks; // locks[SALE] stays unset
    address internal saleFund;
    TimelockController internal treasury;
    address internal team;
    address internal stranger;

    uint256[9] internal amounts = [
        uint256(200_000_000 * MRK),
        970_000_000 * MRK,
        675_000_000 * MRK,
        570_000_000 * MRK,
        300_000_000 * MRK,
        90_000_000 * MRK,
        90_000_000 * MRK,
        90_000_000 * MRK,
        15_000_000 * MRK
    ];
    uint64[9] internal freezes = [
        4 * MONTH,
        2 * WEEK,
        6 * MONTH,
        3 * MONTH,
        12 * MONTH,
        12 * MONTH,
        12 * MONTH,
        12 * MONTH,
        (3 * MONTH) / 2
    ];

    function setUp() public {
        vm.warp(GENESIS);
        team = makeAddr("team");
        stranger = makeAddr("stranger");
        saleFund = makeAddr("sale");
        address[] memory none = new address[](0);
        treasury = new TimelockController(2 days, none, none, address(0));
        IMarkToken.Allocation[] memory lines = new IMarkToken.Allocation[](9);
        for (uint256 i; i < 9; ++i) {
            address recipient = saleFund;
            if (i != SALE) {
                // The core team's fund goes to a person, every other one to the treasury contract.
                address beneficiary = i == 4 ? team : address(treasury);
                locks[i] = new FundLock(string.concat("fund ", _digit(i)), beneficiary, GENESIS + freezes[i]);
                recipient = address(locks[i]);
            }
            lines[i] = IMarkToken.Allocation({recipient: recipient, amount: amounts[i]});
        }
        token = new MarkToken(lines);
    }

    // =========================================================================================
    // Genesis
    // =========================================================================================

    function test_genesis_EveryFundIsHeldByItsLockAndTheSumsAreExact() public view {
        uint256 sum;
        for (uint256 i; i < 9; ++i) {
            address holder = i == SALE ? saleFund : address(locks[i]);
            assertEq(token.balanceOf(holder), amounts[i], string.concat("fund ", _digit(i)));
            sum += token.balanceOf(holder);
        }
        assertEq(sum, TOTAL, "funds add up to the supply");
        assertEq(token.totalSupply(), TOTAL, "totalSupply");
    }

    function test_genesis_ReleaseTimesAreCountedFromOneGenesis() public view {
        for (uint256 i; i < 9; ++i) {
            if (i == SALE) continue;
            assertEq(locks[i].start(), GENESIS + freezes[i], string.concat("start of fund ", _digit(i)));
            assertEq(locks[i].duration(), 0, "no gradual vesting: the whole fund unlocks at once");
            assertEq(locks[i].releasable(address(token)), 0, "nothing releasable at genesis");
        }
        assertEq(locks[0].start() - GENESIS, 10_518_984, "four months");
        assertEq(locks[8].start() - GENESIS, 3_944_619, "a month and a half");
    }

    // =========================================================================================
    // Release
    // =========================================================================================

    function test_release_RevertWhen_ASecondEarly() public {
        for (uint256 i; i < 9; ++i) {
            if (i == SALE) continue;
            uint256 releaseAt = locks[i].start();
            vm.warp(releaseAt - 1);
            assertEq(locks[i].releasable(address(token)), 0, "releasable a second early");
            vm.expectRevert(abi.encodeWithSelector(FundLock.FundLocked.selector, releaseAt));
            locks[i].release(address(token));
            assertEq(token.balanceOf(address(locks[i])), amounts[i], "still locked");
        }
    }

    function test_release_MovesEverythingAtTheReleaseTimeToTheBeneficiary() public {
        for (uint256 i; i < 9; ++i) {
            if (i == SALE) continue;
            address beneficiary = locks[i].owner();
            uint256 before = token.balanceOf(beneficiary);
            vm.warp(locks[i].start());
            vm.expectEmit(address(locks[i]));
            emit FundLockEvents.ERC20Released(address(token), amounts[i]);
            vm.prank(stranger); // anyone may trigger it; the tokens only go to the beneficiary
            locks[i].release(address(token));
            assertEq(token.balanceOf(address(locks[i])), 0, "lock emptied");
            assertEq(token.balanceOf(beneficiary) - before, amounts[i], "beneficiary received the fund");
            assertEq(locks[i].released(address(token)), amounts[i], "released()");
        }
        assertEq(token.balanceOf(stranger), 0, "the caller got nothing");
    }

    function test_release_TheTreasuryContractReceivesAndCanSpend() public {
        vm.warp(locks[2].start());
        locks[2].release(address(token));
        assertEq(token.balanceOf(address(treasury)), amounts[2], "the timelock holds the rendering fund");
    }

    function test_release_TokensSentAfterUnlockAreReleasableAtOnce() public {
        vm.warp(locks[0].start());
        locks[0].release(address(token));
        vm.prank(saleFund);
        token.transfer(address(locks[0]), 5 * MRK);
        assertEq(locks[0].releasable(address(token)), 5 * MRK, "late deposit");
        locks[0].release(address(token));
        assertEq(token.balanceOf(address(treasury)), amounts[0] + 5 * MRK, "beneficiary");
    }

    function test_releaseEth_RevertWhen_Locked_ThenReleases() public {
        vm.deal(address(locks[4]), 1 ether);
        vm.expectRevert(abi.encodeWithSelector(FundLock.FundLocked.selector, locks[4].start()));
        locks[4].release();
        vm.warp(locks[4].start());
        locks[4].release();
        assertEq(team.balance, 1 ether, "ETH to the beneficiary");
    }

    function testFuzz_release_NothingBeforeEverythingAfter(uint256 fund, uint256 when) public {
        fund = bound(fund, 0, 8);
        if (fund == SALE) fund = 0;
        FundLock lock = locks[fund];
        when = bound(when, GENESIS, GENESIS + 2 * 12 * MONTH);
        vm.warp(when);
        if (when < lock.start()) {
            vm.expectRevert(abi.encodeWithSelector(FundLock.FundLocked.selector, lock.start()));
            lock.release(address(token));
            assertEq(token.balanceOf(address(lock)), amounts[fund], "locked");
        } else {
            lock.release(address(token));
            assertEq(token.balanceOf(address(lock)), 0, "released");
        }
    }

    // =========================================================================================
    // Beneficiary
    // =========================================================================================

    function test_transferOwnership_TheBeneficiaryHandsTheFundOn() public {
        vm.prank(team);
        locks[4].transferOwnership(stranger);
        vm.warp(locks[4].start());
        locks[4].release(address(token));
        assertEq(token.balanceOf(stranger), amounts[4], "new beneficiary");
        assertEq(token.balanceOf(team), 0, "old beneficiary");
    }

    function test_transferOwnership_RevertWhen_NotTheBeneficiary() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        locks[4].transferOwnership(stranger);
    }

    function test_renounceOwnership_RevertWhen_TheBeneficiaryTries() public {
        vm.expectRevert(FundLock.FundBeneficiaryRequired.selector);
        vm.prank(team);
        locks[4].renounceOwnership();
        assertEq(locks[4].owner(), team, "beneficiary kept");
    }

    function test_renounceOwnership_RevertWhen_NotTheBeneficiary() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        locks[4].renounceOwnership();
    }

    function test_constructor_RevertWhen_NoBeneficiary() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new FundLock("nobody's", address(0), GENESIS);
    }

    function test_fundName_IsKept() public view {
        assertEq(locks[4].fundName(), "fund 4", "fundName");
    }

    function _digit(uint256 i) private pure returns (string memory) {
        return string(abi.encodePacked(bytes1(uint8(48 + i))));
    }
}

/// @dev `VestingWallet`'s event, redeclared for `vm.expectEmit`.
library FundLockEvents {
    event ERC20Released(address indexed token, uint256 amount);
}
