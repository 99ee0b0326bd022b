// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Test.sol";
import {MarkToken} from "../../token/MarkToken.sol";

/// @title MarkTokenHandler
/// @notice Test-only: random transfers, approvals, allowance spending and signed permits between
/// a few accounts that together hold the whole MRK supply. Amounts are bounded by what the
/// caller can actually move, so every action succeeds; the ghost record tracks allowances and
/// permit nonces independently of the token.
contract MarkTokenHandler is Test {
    bytes32 private constant _PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    MarkToken public immutable token;
    address[] public actors;
    uint256[] private _keys;
    mapping(address owner => mapping(address spender => uint256)) public expectedAllowance;
    mapping(address owner => uint256) public expectedNonce;

    constructor(MarkToken token_, string[] memory names) {
        token = token_;
        for (uint256 i; i < names.length; ++i) {
            _keys.push(keyOf(names[i]));
            actors.push(vm.addr(_keys[i]));
        }
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        amount = bound(amount, 0, token.balanceOf(from));
        vm.prank(from);
        token.transfer(_actor(toSeed), amount);
    }

    function approve(uint256 ownerSeed, uint256 spenderSeed, uint256 value) external {
        address owner = _actor(ownerSeed);
        address spender = _actor(spenderSeed);
        vm.prank(owner);
        token.approve(spender, value);
        expectedAllowance[owner][spender] = value;
    }

    function transferFrom(uint256 spenderSeed, uint256 ownerSeed, uint256 toSeed, uint256 amount) external {
        address spender = _actor(spenderSeed);
        address owner = _actor(ownerSeed);
        uint256 allowance = expectedAllowance[owner][spender];
        uint256 balance = token.balanceOf(owner);
        amount = bound(amount, 0, allowance < balance ? allowance : balance);
        vm.prank(spender);
        token.transferFrom(owner, _actor(toSeed), amount);
        if (allowance != type(uint256).max) expectedAllowance[owner][spender] = allowance - amount;
    }

    function permit(uint256 ownerSeed, uint256 spenderSeed, uint256 value) external {
        uint256 index = ownerSeed % actors.length;
        address owner = actors[index];
        address spender = _actor(spenderSeed);
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(_PERMIT_TYPEHASH, owner, spender, value, expectedNonce[owner], deadline)
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(_keys[index], digest);
        token.permit(owner, spender, value, deadline, v, r, s);
        expectedAllowance[owner][spender] = value;
        ++expectedNonce[owner];
    }

    function _actor(uint256 seed) private view returns (address) {
        return actors[seed % actors.length];
    }
}
