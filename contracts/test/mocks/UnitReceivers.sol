// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/// @title ReentrantUnitReceiver
/// @notice Test-only contract account that holds units and calls back from `onERC721Received`:
/// a test lists the calls (claims, buys, transfers, scene edits) to try from inside the hook, and
/// the receiver keeps each call's outcome and revert data, so the test can check that the
/// registry and the land offices stayed consistent. It also acts as a buyer (`act`), so the same
/// contract can try to be handed a hook by `claim` or `buy`.
contract ReentrantUnitReceiver is IERC721Receiver {
    struct Call {
        address target;
        bytes data;
    }

    IERC721 public immutable registry;
    Call[] private _callbacks;

    uint256 public callbacks;
    address public ownerSeenInCallback;
    bool[] public succeeded;
    bytes[] public results;

    constructor(IERC721 registry_) {
        registry = registry_;
    }

    /// @notice Adds a call for the hook to try.
    function addCallback(address target, bytes calldata data) external {
        _callbacks.push(Call({target: target, data: data}));
    }

    /// @notice Calls `target` as this contract, bubbling up any revert.
    function act(address target, bytes calldata data) external returns (bytes memory) {
        return Address.functionCall(target, data);
    }

    /// @notice How many calls the hook has tried.
    function resultCount() external view returns (uint256) {
        return results.length;
    }

    function onERC721Received(address, address, uint256 unitId, bytes calldata) external returns (bytes4) {
        ++callbacks;
        ownerSeenInCallback = registry.ownerOf(unitId);
        for (uint256 i; i < _callbacks.length; ++i) {
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory returned) = _callbacks[i].target.call(_callbacks[i].data);
            succeeded.push(ok);
            results.push(ok ? bytes("") : returned);
        }
        return IERC721Receiver.onERC721Received.selector;
    }
}

/// @title CountingUnitReceiver
/// @notice Test-only receiver that accepts every unit and counts the callbacks.
contract CountingUnitReceiver is IERC721Receiver {
    uint256 public callbacks;

    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        ++callbacks;
        return IERC721Receiver.onERC721Received.selector;
    }
}
