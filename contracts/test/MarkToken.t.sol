// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Test} from "./utils/Test.sol";
import {Vm} from "./utils/Vm.sol";
import {IMarkToken} from "../interfaces/IMarkToken.sol";
import {MarkToken} from "../token/MarkToken.sol";

contract MarkTokenTest is Test {
    uint256 internal constant MRK = 1 ether;
    uint256 internal constant TOTAL = 3_000_000_000 * MRK;
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
    /// @dev Half the secp256k1 group order: OpenZeppelin's ECDSA rejects any `s` above it.
    uint256 internal constant HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;
    uint256 internal constant SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    MarkToken internal token;
    address[9] internal funds;
    uint256[9] internal fundAmounts = [
        uint256(200_000_000 * MRK), // closed pre-sale
        970_000_000 * MRK, // token sale
        675_000_000 * MRK, // miners rendering fund
        570_000_000 * MRK, // cross-sale liquidity fund
        300_000_000 * MRK, // core team
        90_000_000 * MRK, // participators
        90_000_000 * MRK, // advisers
        90_000_000 * MRK, // angels
        15_000_000 * MRK // bounty
    ];

    uint256 internal aliceKey;
    address internal alice;
    address internal bob;
    address internal carol;

    function setUp() public {
        for (uint256 i; i < funds.length; ++i) {
            funds[i] = makeAddr(string.concat("fund", _digit(i)));
        }
        token = new MarkToken(_genesis());
        aliceKey = keyOf("alice");
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        carol = makeAddr("carol");
        vm.prank(funds[1]);
        token.transfer(alice, 1_000 * MRK);
    }

    // =========================================================================================
    // Genesis allocation
    // =========================================================================================

    function test_constructor_MintsTheWholeSupplyToTheFunds() public view {
        assertEq(token.totalSupply(), TOTAL, "totalSupply");
        assertEq(token.TOTAL_SUPPLY(), TOTAL, "TOTAL_SUPPLY");
        uint256 sum;
        for (uint256 i; i < funds.length; ++i) {
            uint256 expected = fundAmounts[i] - (i == 1 ? 1_000 * MRK : 0); // setUp paid alice from fund 1
            assertEq(token.balanceOf(funds[i]), expected, string.concat("fund", _digit(i)));
            sum += fundAmounts[i];
        }
        assertEq(sum, TOTAL, "the whitepaper's table adds up");
    }

    function test_constructor_EmitsTransferAndGenesisAllocatedPerLine() public {
        vm.recordLogs();
        MarkToken fresh = new MarkToken(_genesis());
        Vm.Log[] memory logs = vm.getRecordedLogs();

        // EIP712 emits nothing at construction; each line is a mint Transfer then GenesisAllocated.
        assertEq(logs.length, 2 * funds.length, "log count");
        for (uint256 i; i < funds.length; ++i) {
            Vm.Log memory mint = logs[2 * i];
            Vm.Log memory allocated = logs[2 * i + 1];
            assertEq(mint.emitter, address(fresh), "Transfer emitter");
            assertEq(mint.topics[0], IERC20.Transfer.selector, "Transfer topic");
            assertEq(mint.topics[1], bytes32(0), "minted from zero");
            assertEq(mint.topics[2], bytes32(uint256(uint160(funds[i]))), "Transfer to");
            assertEq(abi.decode(mint.data, (uint256)), fundAmounts[i], "Transfer value");
            assertEq(allocated.emitter, address(fresh), "GenesisAllocated emitter");
            assertEq(allocated.topics[0], IMarkToken.GenesisAllocated.selector, "GenesisAllocated topic");
            assertEq(allocated.topics[1], bytes32(uint256(uint160(funds[i]))), "GenesisAllocated recipient");
            assertEq(abi.decode(allocated.data, (uint256)), fundAmounts[i], "GenesisAllocated amount");
        }
    }

    function test_constructor_SameRecipientOnTwoLinesGetsBoth() public {
        IMarkToken.Allocation[] memory lines = new IMarkToken.Allocation[](2);
        lines[0] = IMarkToken.Allocation(carol, TOTAL / 3);
        lines[1] = IMarkToken.Allocation(carol, TOTAL - TOTAL / 3);
        MarkToken fresh = new MarkToken(lines);
        assertEq(fresh.balanceOf(carol), TOTAL);
    }

    function test_constructor_RevertWhen_AllocationIsOneWeiShort() public {
        IMarkToken.Allocation[] memory lines = _genesis();
        lines[8].amount -= 1;
        vm.expectRevert(abi.encodeWithSelector(IMarkToken.MarkAllocationMismatch.selector, TOTAL - 1, TOTAL));
        new MarkToken(lines);
    }

    function test_constructor_RevertWhen_AllocationIsOneWeiOver() public {
        IMarkToken.Allocation[] memory lines = _genesis();
        lines[0].amount += 1;
        vm.expectRevert(abi.encodeWithSelector(IMarkToken.MarkAllocationMismatch.selector, TOTAL + 1, TOTAL));
        new MarkToken(lines);
    }

    function test_constructor_RevertWhen_NoAllocations() public {
        vm.expectRevert(abi.encodeWithSelector(IMarkToken.MarkAllocationMismatch.selector, 0, TOTAL));
        new MarkToken(new IMarkToken.Allocation[](0));
    }

    function test_constructor_RevertWhen_RecipientIsZero() public {
        IMarkToken.Allocation[] memory lines = _genesis();
        lines[3].recipient = address(0);
        vm.expectRevert(abi.encodeWithSelector(IMarkToken.MarkAllocationZeroRecipient.selector, 3));
        new MarkToken(lines);
    }

    /// @notice Amounts whose sum wraps around 2^256 must not pass as "equal to the supply".
    function test_constructor_RevertWhen_AmountsOverflow() public {
        IMarkToken.Allocation[] memory lines = new IMarkToken.Allocation[](2);
        lines[0] = IMarkToken.Allocation(carol, type(uint256).max);
        lines[1] = IMarkToken.Allocation(bob, TOTAL + 1); // max + TOTAL + 1 wraps to exactly TOTAL
        vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", 0x11));
        new MarkToken(lines);
    }

    function testFuzz_constructor_AnyTwoWaySplitOfTheSupply(address a, address b, uint256 share) public {
        vm.assume(a != address(0) && b != address(0) && a != b);
        share = bound(share, 0, TOTAL);
        IMarkToken.Allocation[] memory lines = new IMarkToken.Allocation[](2);
        lines[0] = IMarkToken.Allocation(a, share);
        lines[1] = IMarkToken.Allocation(b, TOTAL - share);

        MarkToken fresh = new MarkToken(lines);

        assertEq(fresh.balanceOf(a), share, "first");
        assertEq(fresh.balanceOf(b), TOTAL - share, "second");
        assertEq(fresh.totalSupply(), TOTAL, "supply");
    }

    function testFuzz_constructor_RevertWhen_SumIsNotTheSupply(uint256 amount) public {
        amount = bound(amount, 0, 2 * TOTAL);
        vm.assume(amount != TOTAL);
        IMarkToken.Allocation[] memory lines = new IMarkToken.Allocation[](1);
        lines[0] = IMarkToken.Allocation(carol, amount);
        vm.expectRevert(abi.encodeWithSelector(IMarkToken.MarkAllocationMismatch.selector, amount, TOTAL));
        new MarkToken(lines);
    }

    // =========================================================================================
    // Metadata
    // =========================================================================================

    function test_metadata() public view {
        assertEq(token.name(), "Mark", "name");
        assertEq(token.symbol(), "MRK", "symbol");
        assertEq(token.decimals(), 18, "decimals");
        (, string memory name, string memory version, uint256 chainId, address verifyingContract, , ) = token
            .eip712Domain();
        assertEq(name, "Mark", "EIP-712 name");
        assertEq(version, "1", "EIP-712 version");
        assertEq(chainId, block.chainid, "EIP-712 chainId");
        assertEq(verifyingContract, address(token), "EIP-712 verifyingContract");
    }

    function test_NoMintOrBurnEntryPoint() public {
        bytes[4] memory calls = [
            abi.encodeWithSignature("mint(address,uint256)", alice, 1),
            abi.encodeWithSignature("mint(uint256)", 1),
            abi.encodeWithSignature("burn(uint256)", 1),
            abi.encodeWithSignature("burnFrom(address,uint256)", alice, 1)
        ];
        for (uint256 i; i < calls.length; ++i) {
            vm.prank(alice);
            (bool ok, ) = address(token).call(calls[i]);
            assertFalse(ok, "call must not succeed");
        }
        assertEq(token.totalSupply(), TOTAL, "supply unchanged");
    }

    // =========================================================================================
    // Permit (EIP-2612)
    // =========================================================================================

    function test_permit_SetsAllowanceAndUsesTheNonce() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, bob, 250 * MRK, 0, deadline);

        vm.expectEmit(address(token));
        emit IERC20.Approval(alice, bob, 250 * MRK);
        vm.prank(carol); // anyone may submit the signature
        token.permit(alice, bob, 250 * MRK, deadline, v, r, s);

        assertEq(token.allowance(alice, bob), 250 * MRK, "allowance");
        assertEq(token.nonces(alice), 1, "nonce");
    }

    function test_permit_ThenTransferFrom() public {
        uint256 deadline = block.timestamp;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, bob, 250 * MRK, 0, deadline);
        token.permit(alice, bob, 250 * MRK, deadline, v, r, s);

        vm.prank(bob);
        token.transferFrom(alice, carol, 100 * MRK);

        assertEq(token.balanceOf(carol), 100 * MRK, "carol");
        assertEq(token.balanceOf(alice), 900 * MRK, "alice");
        assertEq(token.allowance(alice, bob), 150 * MRK, "allowance left");
    }

    function test_permit_RevertWhen_Replayed() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, bob, 250 * MRK, 0, deadline);
        token.permit(alice, bob, 250 * MRK, deadline, v, r, s);

        // The contract now hashes nonce 1, so the same signature recovers some unrelated address.
        address recovered = ecrecover(_permitDigest(alice, bob, 250 * MRK, 1, deadline), v, r, s);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, alice));
        token.permit(alice, bob, 250 * MRK, deadline, v, r, s);
        assertEq(token.nonces(alice), 1, "nonce unchanged");
    }

    function test_permit_RevertWhen_SignedForAFutureNonce() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, bob, 250 * MRK, 1, deadline);
        address recovered = ecrecover(_permitDigest(alice, bob, 250 * MRK, 0, deadline), v, r, s);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, alice));
        token.permit(alice, bob, 250 * MRK, deadline, v, r, s);
    }

    function test_permit_AcceptsTheDeadlineItself() public {
        vm.warp(1_800_000_000);
        uint256 deadline = block.timestamp;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, bob, 1, 0, deadline);
        token.permit(alice, bob, 1, deadline, v, r, s);
        assertEq(token.allowance(alice, bob), 1);
    }

    function test_permit_RevertWhen_DeadlinePassed() public {
        vm.warp(1_800_000_000);
        uint256 deadline = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, bob, 1, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        token.permit(alice, bob, 1, deadline, v, r, s);
    }

    function test_permit_RevertWhen_SignedByAnotherAccount() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(keyOf("bob"), alice, bob, 250 * MRK, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, bob, alice));
        token.permit(alice, bob, 250 * MRK, deadline, v, r, s);
    }

    function test_permit_RevertWhen_ValueDiffersFromTheSignedOne() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, bob, 250 * MRK, 0, deadline);
        address recovered = ecrecover(_permitDigest(alice, bob, 251 * MRK, 0, deadline), v, r, s);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, alice));
        token.permit(alice, bob, 251 * MRK, deadline, v, r, s);
    }

    function test_permit_RevertWhen_SignedForAnotherToken() public {
        MarkToken other = new MarkToken(_genesis());
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 digest = _digest(other.DOMAIN_SEPARATOR(), alice, bob, 1, 0, deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(aliceKey, digest);
        address recovered = ecrecover(_permitDigest(alice, bob, 1, 0, deadline), v, r, s);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, alice));
        token.permit(alice, bob, 1, deadline, v, r, s);
    }

    /// @notice The mirrored signature (n - s, flipped v) is valid for ecrecover but rejected,
    /// so a signature cannot be replayed in its second form.
    function test_permit_RevertWhen_SignatureIsMalleated() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, bob, 1, 0, deadline);
        bytes32 highS = bytes32(SECP256K1_ORDER - uint256(s));
        assertGt(uint256(highS), HALF_ORDER, "mirrored s is high");
        vm.expectRevert(abi.encodeWithSelector(ECDSA.ECDSAInvalidSignatureS.selector, highS));
        token.permit(alice, bob, 1, deadline, v == 27 ? 28 : 27, r, highS);
    }

    function testFuzz_permit(uint256 ownerKey, address spender, uint256 value, uint256 deadline) public {
        ownerKey = bound(ownerKey, 1, SECP256K1_ORDER - 1);
        address owner = vm.addr(ownerKey);
        vm.assume(spender != address(0));
        deadline = bound(deadline, block.timestamp, type(uint256).max);
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ownerKey, owner, spender, value, 0, deadline);

        token.permit(owner, spender, value, deadline, v, r, s);

        assertEq(token.allowance(owner, spender), value, "allowance");
        assertEq(token.nonces(owner), 1, "nonce");
    }

    // =========================================================================================
    // Transfers at the edges
    // =========================================================================================

    function test_transfer_WholeBalance() public {
        vm.prank(alice);
        assertTrue(token.transfer(bob, 1_000 * MRK), "returns true");
        assertEq(token.balanceOf(alice), 0, "alice");
        assertEq(token.balanceOf(bob), 1_000 * MRK, "bob");
    }

    function test_transfer_RevertWhen_OneWeiMoreThanTheBalance() public {
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 1_000 * MRK, 1_000 * MRK + 1)
        );
        vm.prank(alice);
        token.transfer(bob, 1_000 * MRK + 1);
    }

    function test_transfer_RevertWhen_AmountIsMaxUint() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientBalance.selector,
                alice,
                1_000 * MRK,
                type(uint256).max
            )
        );
        vm.prank(alice);
        token.transfer(bob, type(uint256).max);
    }

    function test_transfer_RevertWhen_ToZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        vm.prank(alice);
        token.transfer(address(0), 1);
    }

    function test_transfer_ZeroAmountEmitsAndChangesNothing() public {
        vm.expectEmit(address(token));
        emit IERC20.Transfer(alice, bob, 0);
        vm.prank(alice);
        token.transfer(bob, 0);
        assertEq(token.balanceOf(alice), 1_000 * MRK, "alice");
        assertEq(token.balanceOf(bob), 0, "bob");
    }

    function test_transfer_ToSelfKeepsTheBalance() public {
        vm.prank(alice);
        token.transfer(alice, 1_000 * MRK);
        assertEq(token.balanceOf(alice), 1_000 * MRK);
    }

    /// @notice No balance can exceed the fixed supply, so the unchecked additions inside
    /// OpenZeppelin's `_update` cannot overflow: gather everything in one account and back.
    function test_transfer_WholeSupplyIntoOneAccountAndBack() public {
        for (uint256 i; i < funds.length; ++i) {
            uint256 balance = token.balanceOf(funds[i]);
            vm.prank(funds[i]);
            token.transfer(carol, balance);
        }
        vm.prank(alice);
        token.transfer(carol, 1_000 * MRK);
        assertEq(token.balanceOf(carol), TOTAL, "carol holds everything");

        vm.prank(carol);
        token.transfer(bob, TOTAL);
        assertEq(token.balanceOf(bob), TOTAL, "bob holds everything");
        assertEq(token.balanceOf(carol), 0, "carol empty");
        assertEq(token.totalSupply(), TOTAL, "supply");
    }

    function test_transferFrom_InfiniteAllowanceIsNotSpent() public {
        vm.prank(alice);
        token.approve(bob, type(uint256).max);
        vm.prank(bob);
        token.transferFrom(alice, carol, 400 * MRK);
        assertEq(token.allowance(alice, bob), type(uint256).max);
    }

    function test_transferFrom_RevertWhen_AllowanceIsOneWeiShort() public {
        vm.prank(alice);
        token.approve(bob, 400 * MRK - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, bob, 400 * MRK - 1, 400 * MRK)
        );
        vm.prank(bob);
        token.transferFrom(alice, carol, 400 * MRK);
    }

    function testFuzz_transfer_MovesExactlyTheAmount(address to, uint256 amount) public {
        vm.assume(to != address(0) && to != alice);
        amount = bound(amount, 0, 1_000 * MRK);
        uint256 before = token.balanceOf(to);

        vm.prank(alice);
        token.transfer(to, amount);

        assertEq(token.balanceOf(alice), 1_000 * MRK - amount, "sender");
        assertEq(token.balanceOf(to), before + amount, "receiver");
        assertEq(token.totalSupply(), TOTAL, "supply");
    }

    function testFuzz_transfer_RevertWhen_AmountExceedsBalance(uint256 amount) public {
        amount = bound(amount, 1_000 * MRK + 1, type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 1_000 * MRK, amount)
        );
        vm.prank(alice);
        token.transfer(bob, amount);
    }

    // =========================================================================================
    // Helpers
    // =========================================================================================

    function _genesis() internal view returns (IMarkToken.Allocation[] memory lines) {
        lines = new IMarkToken.Allocation[](funds.length);
        for (uint256 i; i < funds.length; ++i) {
            lines[i] = IMarkToken.Allocation({recipient: funds[i], amount: fundAmounts[i]});
        }
    }

    function _permitDigest(
        address owner,
        address spender,
        uint256 value,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (bytes32) {
        return _digest(token.DOMAIN_SEPARATOR(), owner, spender, value, nonce, deadline);
    }

    function _digest(
        bytes32 domainSeparator,
        address owner,
        address spender,
        uint256 value,
        uint256 nonce,
        uint256 deadline
    ) internal pure returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline));
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }

    function _signPermit(
        uint256 key,
        address owner,
        address spender,
        uint256 value,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        return vm.sign(key, _permitDigest(owner, spender, value, nonce, deadline));
    }

    function _digit(uint256 i) internal pure returns (string memory) {
        return string(abi.encodePacked(bytes1(uint8(48 + i))));
    }
}
