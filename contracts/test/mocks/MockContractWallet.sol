// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

/// @title MockContractWallet
/// @notice Test-only smart-contract account: holds units, and "signs" (ERC-1271) exactly the
/// digests its owner approved; `call` forwards anything its owner sends.
contract MockContractWallet is IERC1271, IERC721Receiver {
    address public immutable owner;
    mapping(bytes32 digest => bool) public approved;

    constructor(address owner_) {
        owner = owner_;
    }

    function approveDigest(bytes32 digest) external {
        require(msg.sender == owner, "owner only"); // solhint-disable-line gas-custom-errors
        approved[digest] = true;
    }

    function call(address target, bytes calldata data) external returns (bytes memory) {
        require(msg.sender == owner, "owner only"); // solhint-disable-line gas-custom-errors
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory returned) = target.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(returned, 32), mload(returned))
            }
        }
        return returned;
    }

    function isValidSignature(bytes32 digest, bytes calldata) external view returns (bytes4) {
        return approved[digest] ? IERC1271.isValidSignature.selector : bytes4(0xffffffff);
    }

    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return IERC721Receiver.onERC721Received.selector;
    }
}
