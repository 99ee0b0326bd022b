// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "./Test.sol";
import {IMarkToken} from "../../interfaces/IMarkToken.sol";
import {MarkToken} from "../../token/MarkToken.sol";

/// @title MrkFixture
/// @notice What every fixture that pays in MRK shares: the named accounts (`governance`, the
/// rendering fund, a `whale` holding the whole supply, and `alice`, `bob`, `carol`, `mallory`),
/// MRK itself, funding from the whale, and EIP-2612 permits signed by a named account.
abstract contract MrkFixture is Test {
    uint256 internal constant MRK = 1 ether;

    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    MarkToken internal mrk;

    address internal governance;
    address internal renderingFund;
    address internal whale;
    address internal alice;
    address internal bob;
    address internal carol;
    address internal mallory;

    /// @dev Names the accounts and deploys MRK with the whole supply at the whale.
    function _setUpMrk() internal {
        governance = makeAddr("governance");
        renderingFund = makeAddr("renderingFund");
        whale = makeAddr("whale");
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        carol = makeAddr("carol");
        mallory = makeAddr("mallory");
        IMarkToken.Allocation[] memory lines = new IMarkToken.Allocation[](1);
        lines[0] = IMarkToken.Allocation(whale, 3_000_000_000 * MRK);
        mrk = new MarkToken(lines);
    }

    function _fund(address account, uint256 amount) internal {
        vm.prank(whale);
        mrk.transfer(account, amount);
    }

    /// @dev Gives `alice`, `bob`, `carol` and `mallory` `amount` MRK each.
    function _fundActors(uint256 amount) internal {
        _fund(alice, amount);
        _fund(bob, amount);
        _fund(carol, amount);
        _fund(mallory, amount);
    }

    /// @dev The signature of an EIP-2612 permit for `spender` by the account named `ownerName`,
    /// with the owner's current nonce.
    function _signPermit(
        string memory ownerName,
        address spender,
        uint256 value,
        uint256 deadline
    ) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        address owner = vm.addr(keyOf(ownerName));
        bytes32 structHash = keccak256(
            abi.encode(PERMIT_TYPEHASH, owner, spender, value, mrk.nonces(owner), deadline)
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", mrk.DOMAIN_SEPARATOR(), structHash));
        return vm.sign(keyOf(ownerName), digest);
    }
}
