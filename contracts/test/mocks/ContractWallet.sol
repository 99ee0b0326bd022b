// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/// @title ContractWallet
/// @notice Test-only stand-in for a DAO treasury or smart wallet: holds units and MRK, acts
/// through `act`, and approves EIP-712 orders by ERC-1271 when its signer signed the hash (a
/// test may also revoke everything with `setSigner(address(0))`).
contract ContractWallet is IERC1271, IERC721Receiver {
    address public signer;

    constructor(address signer_) {
        signer = signer_;
    }

    function setSigner(address signer_) external {
        signer = signer_;
    }

    /// @notice Calls `target` as this wallet, bubbling up any revert.
    function act(address target, bytes calldata data) external returns (bytes memory) {
        return Address.functionCall(target, data);
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address recovered, ECDSA.RecoverError error, ) = ECDSA.tryRecover(hash, signature);
        if (error == ECDSA.RecoverError.NoError && recovered == signer && signer != address(0)) {
            return IERC1271.isValidSignature.selector;
        }
        return 0xffffffff;
    }

    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return IERC721Receiver.onERC721Received.selector;
    }
}
