// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Test} from "./utils/Test.sol";
import {IMarkToken} from "../interfaces/IMarkToken.sol";
import {MarkToken} from "../token/MarkToken.sol";
import {WrappedMark} from "../governance/WrappedMark.sol";

contract WrappedMarkTest is Test {
    uint256 internal constant MRK = 1 ether;
    uint256 internal constant START = 1_000 * MRK;
    uint256 internal constant T0 = 1_750_000_000;
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
    bytes32 internal constant DELEGATION_TYPEHASH =
        keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)");

    MarkToken internal mark;
    WrappedMark internal wmrk;
    address internal alice;
    address internal bob;
    address internal carol;

    function setUp() public {
        vm.warp(T0);
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        carol = makeAddr("carol");
        IMarkToken.Allocation[] memory lines = new IMarkToken.Allocation[](4);
        lines[0] = IMarkToken.Allocation(makeAddr("treasury"), 3_000_000_000 * MRK - 3 * START);
        lines[1] = IMarkToken.Allocation(alice, START);
        lines[2] = IMarkToken.Allocation(bob, START);
        lines[3] = IMarkToken.Allocation(carol, START);
        mark = new MarkToken(lines);
        wmrk = new WrappedMark(IERC20(address(mark)));
    }

    // =========================================================================================
    // Metadata and clock
    // =========================================================================================

    function test_metadata_NameSymbolDecimalsUnderlying() public view {
        assertEq(wmrk.name(), "Wrapped Mark", "name");
        assertEq(wmrk.symbol(), "wMRK", "symbol");
        assertEq(wmrk.decimals(), 18, "decimals");
        assertEq(address(wmrk.underlying()), address(mark), "underlying");
    }

    function test_clock_IsTheTimestamp() public {
        assertEq(wmrk.clock(), T0, "clock");
        assertEq(wmrk.CLOCK_MODE(), "mode=timestamp", "mode");
        vm.warp(T0 + 12 days);
        assertEq(wmrk.clock(), T0 + 12 days, "clock after warp");
    }

    // =========================================================================================
    // Wrapping and unwrapping
    // =========================================================================================

    function test_depositFor_WrapsOneToOne() public {
        _wrap(alice, 400 * MRK);
        assertEq(wmrk.balanceOf(alice), 400 * MRK, "wMRK");
        assertEq(mark.balanceOf(alice), START - 400 * MRK, "MRK left");
        assertEq(mark.balanceOf(address(wmrk)), 400 * MRK, "MRK held");
        assertEq(wmrk.totalSupply(), 400 * MRK, "supply");
    }

    function test_depositFor_CreditsAnotherAccount() public {
        vm.startPrank(alice);
        mark.approve(address(wmrk), 100 * MRK);
        vm.expectEmit(address(wmrk));
        emit IERC20.Transfer(address(0), bob, 100 * MRK);
        wmrk.depositFor(bob, 100 * MRK);
        vm.stopPrank();
        assertEq(wmrk.balanceOf(bob), 100 * MRK, "bob");
        assertEq(wmrk.balanceOf(alice), 0, "alice");
    }

    function test_withdrawTo_UnwrapsOneToOne() public {
        _wrap(alice, 400 * MRK);
        vm.prank(alice);
        wmrk.withdrawTo(alice, 150 * MRK);
        assertEq(wmrk.balanceOf(alice), 250 * MRK, "wMRK");
        assertEq(mark.balanceOf(alice), START - 250 * MRK, "MRK");
        assertEq(mark.balanceOf(address(wmrk)), 250 * MRK, "MRK held");
        assertEq(wmrk.totalSupply(), 250 * MRK, "supply");
    }

    function test_withdrawTo_PaysAnotherAccount() public {
        _wrap(alice, 400 * MRK);
        vm.prank(alice);
        wmrk.withdrawTo(carol, 400 * MRK);
        assertEq(mark.balanceOf(carol), START + 400 * MRK, "carol");
        assertEq(wmrk.totalSupply(), 0, "supply");
    }

    function test_depositFor_AfterPermitInOneGo() public {
        uint256 key = keyOf("alice");
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, alice, address(wmrk), 300 * MRK, 0, deadline));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, _digest(mark.DOMAIN_SEPARATOR(), structHash));

        vm.startPrank(alice);
        mark.permit(alice, address(wmrk), 300 * MRK, deadline, v, r, s);
        wmrk.depositFor(alice, 300 * MRK);
        vm.stopPrank();
        assertEq(wmrk.balanceOf(alice), 300 * MRK, "wMRK");
        assertEq(mark.allowance(alice, address(wmrk)), 0, "allowance spent");
    }

    function test_depositFor_RevertWhen_NoAllowance() public {
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(wmrk), 0, 1 * MRK)
        );
        vm.prank(alice);
        wmrk.depositFor(alice, 1 * MRK);
    }

    function test_depositFor_RevertWhen_AmountExceedsBalance() public {
        vm.startPrank(alice);
        mark.approve(address(wmrk), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, START, START + 1)
        );
        wmrk.depositFor(alice, START + 1);
        vm.stopPrank();
    }

    function test_withdrawTo_RevertWhen_AmountExceedsBalance() public {
        _wrap(alice, 400 * MRK);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 400 * MRK, 400 * MRK + 1)
        );
        vm.prank(alice);
        wmrk.withdrawTo(alice, 400 * MRK + 1);
    }

    function test_withdrawTo_RevertWhen_SomeoneElsesWrappedTokens() public {
        _wrap(alice, 400 * MRK);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, bob, 0, 1));
        vm.prank(bob);
        wmrk.withdrawTo(bob, 1);
    }

    /// @notice MRK sent straight to the wrapper is not wrapped, and there is no public way to mint
    /// wMRK against it (`_recover` stays internal).
    function test_recover_IsNotExposed() public {
        _wrap(alice, 100 * MRK);
        vm.prank(bob);
        assertTrue(mark.transfer(address(wmrk), 50 * MRK), "transfer");

        vm.prank(carol);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, ) = address(wmrk).call(abi.encodeWithSignature("recover(address)", carol));
        assertFalse(ok, "recover(address) exists");
        vm.prank(carol);
        // solhint-disable-next-line avoid-low-level-calls
        (ok, ) = address(wmrk).call(abi.encodeWithSignature("_recover(address)", carol));
        assertFalse(ok, "_recover(address) exists");

        assertEq(wmrk.balanceOf(carol), 0, "carol minted nothing");
        assertEq(wmrk.totalSupply(), 100 * MRK, "supply");
        assertEq(mark.balanceOf(address(wmrk)), 150 * MRK, "stray MRK stays put");
    }

    function testFuzz_wrapUnwrap_RoundTripsExactly(uint256 wrapped, uint256 unwrapped) public {
        wrapped = bound(wrapped, 0, START);
        unwrapped = bound(unwrapped, 0, wrapped);
        _wrap(alice, wrapped);
        vm.prank(alice);
        wmrk.withdrawTo(alice, unwrapped);
        assertEq(wmrk.balanceOf(alice), wrapped - unwrapped, "wMRK");
        assertEq(mark.balanceOf(alice), START - wrapped + unwrapped, "MRK");
        assertEq(mark.balanceOf(address(wmrk)), wmrk.totalSupply(), "backing");
    }

    // =========================================================================================
    // Votes
    // =========================================================================================

    function test_getVotes_ZeroUntilDelegated() public {
        _wrap(alice, 400 * MRK);
        assertEq(wmrk.getVotes(alice), 0, "undelegated");
        vm.prank(alice);
        wmrk.delegate(alice);
        assertEq(wmrk.getVotes(alice), 400 * MRK, "self-delegated");
        assertEq(wmrk.delegates(alice), alice, "delegate");
    }

    function test_delegate_MovesVotesAndFollowsBalances() public {
        _wrap(alice, 400 * MRK);
        vm.expectEmit(address(wmrk));
        emit IVotes.DelegateChanged(alice, address(0), bob);
        vm.prank(alice);
        wmrk.delegate(bob);
        assertEq(wmrk.getVotes(bob), 400 * MRK, "bob after delegation");

        vm.warp(T0 + 1 days);
        _wrap(alice, 100 * MRK);
        assertEq(wmrk.getVotes(bob), 500 * MRK, "bob after more wrapping");

        vm.warp(T0 + 2 days);
        vm.prank(alice);
        wmrk.withdrawTo(alice, 200 * MRK);
        assertEq(wmrk.getVotes(bob), 300 * MRK, "bob after unwrapping");

        vm.warp(T0 + 3 days);
        vm.prank(alice);
        wmrk.delegate(carol);
        assertEq(wmrk.getVotes(bob), 0, "bob after redelegation");
        assertEq(wmrk.getVotes(carol), 300 * MRK, "carol");
    }

    function test_getPastVotes_ReadsTimestampCheckpoints() public {
        vm.prank(alice);
        wmrk.delegate(alice);
        _wrap(alice, 400 * MRK); // at T0
        vm.warp(T0 + 1 hours);
        vm.prank(alice);
        wmrk.withdrawTo(alice, 100 * MRK); // at T0 + 1 hour
        vm.warp(T0 + 2 hours);

        assertEq(wmrk.getPastVotes(alice, T0 - 1), 0, "before wrapping");
        assertEq(wmrk.getPastVotes(alice, T0), 400 * MRK, "at wrapping");
        assertEq(wmrk.getPastVotes(alice, T0 + 1 hours - 1), 400 * MRK, "just before unwrapping");
        assertEq(wmrk.getPastVotes(alice, T0 + 1 hours), 300 * MRK, "at unwrapping");
        assertEq(wmrk.getPastTotalSupply(T0), 400 * MRK, "past supply");
        assertEq(wmrk.numCheckpoints(alice), 2, "checkpoints");
    }

    function test_getPastVotes_RevertWhen_TimepointNotPast() public {
        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, T0, uint48(T0)));
        wmrk.getPastVotes(alice, T0);
    }

    /// @notice Wrapping and unwrapping within one timestamp leaves that timestamp's checkpoint
    /// at the final balance: a flash loan leaves no votes behind.
    function test_getPastVotes_SameTimestampWrapUnwrapLeavesNothing() public {
        vm.prank(alice);
        wmrk.delegate(alice);
        _wrap(alice, 400 * MRK);
        vm.prank(alice);
        wmrk.withdrawTo(alice, 400 * MRK);
        vm.warp(T0 + 1);
        assertEq(wmrk.getPastVotes(alice, T0), 0, "past votes");
        assertEq(wmrk.numCheckpoints(alice), 1, "one overwritten checkpoint");
    }

    // =========================================================================================
    // delegateBySig
    // =========================================================================================

    function test_delegateBySig_DelegatesForTheSigner() public {
        _wrap(alice, 400 * MRK);
        uint256 expiry = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(keyOf("alice"), bob, 0, expiry);
        vm.prank(carol); // anyone may relay
        wmrk.delegateBySig(bob, 0, expiry, v, r, s);
        assertEq(wmrk.delegates(alice), bob, "delegate");
        assertEq(wmrk.getVotes(bob), 400 * MRK, "votes");
        assertEq(wmrk.nonces(alice), 1, "nonce used");
    }

    function test_delegateBySig_RevertWhen_Replayed() public {
        uint256 expiry = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(keyOf("alice"), bob, 0, expiry);
        wmrk.delegateBySig(bob, 0, expiry, v, r, s);
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, alice, 1));
        wmrk.delegateBySig(bob, 0, expiry, v, r, s);
    }

    function test_delegateBySig_RevertWhen_Expired() public {
        uint256 expiry = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(keyOf("alice"), bob, 0, expiry);
        vm.warp(expiry + 1);
        vm.expectRevert(abi.encodeWithSelector(IVotes.VotesExpiredSignature.selector, expiry));
        wmrk.delegateBySig(bob, 0, expiry, v, r, s);
    }

    function test_delegateBySig_AcceptedAtExactlyTheExpiry() public {
        uint256 expiry = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(keyOf("alice"), bob, 0, expiry);
        vm.warp(expiry);
        wmrk.delegateBySig(bob, 0, expiry, v, r, s);
        assertEq(wmrk.delegates(alice), bob);
    }

    /// @notice A signature only ever delegates its own signer's votes: carol's signature cannot
    /// move alice's votes, whoever submits it.
    function test_delegateBySig_WrongSignerOnlyAffectsTheSigner() public {
        _wrap(alice, 400 * MRK);
        uint256 expiry = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(keyOf("carol"), bob, 0, expiry);
        vm.prank(alice);
        wmrk.delegateBySig(bob, 0, expiry, v, r, s);
        assertEq(wmrk.delegates(alice), address(0), "alice untouched");
        assertEq(wmrk.delegates(carol), bob, "carol delegated");
        assertEq(wmrk.getVotes(bob), 0, "no wMRK moved");
        assertEq(wmrk.nonces(alice), 0, "alice nonce");
    }

    function test_delegateBySig_RevertWhen_NonceIsNotTheSignersNext() public {
        uint256 expiry = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(keyOf("alice"), bob, 5, expiry);
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, alice, 0));
        wmrk.delegateBySig(bob, 5, expiry, v, r, s);
    }

    /// @notice Permit and delegation signatures share one nonce counter.
    function test_nonces_SharedByPermitAndDelegation() public {
        uint256 expiry = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(keyOf("alice"), bob, 0, expiry);
        wmrk.delegateBySig(bob, 0, expiry, v, r, s);
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, alice, bob, 1, 1, expiry));
        (v, r, s) = vm.sign(keyOf("alice"), _digest(wmrk.DOMAIN_SEPARATOR(), structHash));
        wmrk.permit(alice, bob, 1, expiry, v, r, s);
        assertEq(wmrk.nonces(alice), 2, "nonce");
        assertEq(wmrk.allowance(alice, bob), 1, "allowance");
    }

    // =========================================================================================
    // Helpers
    // =========================================================================================

    function _wrap(address account, uint256 amount) internal {
        vm.startPrank(account);
        mark.approve(address(wmrk), amount);
        wmrk.depositFor(account, amount);
        vm.stopPrank();
    }

    function _signDelegation(
        uint256 key,
        address delegatee,
        uint256 nonce,
        uint256 expiry
    ) internal view returns (uint8, bytes32, bytes32) {
        bytes32 structHash = keccak256(abi.encode(DELEGATION_TYPEHASH, delegatee, nonce, expiry));
        return vm.sign(key, _digest(wmrk.DOMAIN_SEPARATOR(), structHash));
    }

    function _digest(bytes32 domainSeparator, bytes32 structHash) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }
}
