// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {Vm} from "./Vm.sol";

/// @title Test
/// @notice Base contract of Markspace's Solidity tests: the cheatcode handle, assertions that
/// fail with a readable message, `bound` for fuzz inputs and named test accounts.
/// @dev Written in-repo because the npm `forge-std` package is outdated. Every assertion fails
/// by reverting with `Error(string)` so the runner prints "<what>: <left> != <right>".
abstract contract Test {
    /// @notice The cheatcode address every Foundry-compatible runner serves
    /// (`address(uint160(uint256(keccak256("hevm cheat code"))))`).
    address internal constant VM_ADDRESS = 0x7109709ECfa91a80626fF3989D68f67F5b1DD12D;
    // solhint-disable-next-line const-name-snakecase
    Vm internal constant vm = Vm(VM_ADDRESS);

    /// @notice Functions of one contract the invariant fuzzer may call (the runner's ABI shape).
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    /// @notice Contracts the invariant fuzzer calls; empty means "every contract set up".
    address[] private _targetContracts;
    FuzzSelector[] private _targetSelectors;

    // --- Failing --------------------------------------------------------------------------------

    /// @notice Fails the test with `message`.
    function fail(string memory message) internal pure {
        // A string revert on purpose: the test runner prints `Error(string)` reasons verbatim.
        // solhint-disable-next-line gas-custom-errors, reason-string
        revert(message);
    }

    // --- Booleans -------------------------------------------------------------------------------

    function assertTrue(bool condition) internal pure {
        assertTrue(condition, "");
    }

    function assertTrue(bool condition, string memory what) internal pure {
        if (!condition) fail(_label(what, "assertTrue: expected true, got false"));
    }

    function assertFalse(bool condition) internal pure {
        assertFalse(condition, "");
    }

    function assertFalse(bool condition, string memory what) internal pure {
        if (condition) fail(_label(what, "assertFalse: expected false, got true"));
    }

    function assertEq(bool left, bool right) internal pure {
        assertEq(left, right, "");
    }

    function assertEq(bool left, bool right, string memory what) internal pure {
        if (left != right) fail(_label(what, _mismatch("assertEq(bool)", _str(left), _str(right), "!=")));
    }

    // --- Unsigned integers ----------------------------------------------------------------------

    function assertEq(uint256 left, uint256 right) internal pure {
        assertEq(left, right, "");
    }

    function assertEq(uint256 left, uint256 right, string memory what) internal pure {
        if (left != right) fail(_label(what, _mismatch("assertEq(uint)", _str(left), _str(right), "!=")));
    }

    function assertNotEq(uint256 left, uint256 right) internal pure {
        assertNotEq(left, right, "");
    }

    function assertNotEq(uint256 left, uint256 right, string memory what) internal pure {
        if (left == right) fail(_label(what, _mismatch("assertNotEq(uint)", _str(left), _str(right), "==")));
    }

    function assertGt(uint256 left, uint256 right) internal pure {
        assertGt(left, right, "");
    }

    function assertGt(uint256 left, uint256 right, string memory what) internal pure {
        if (left <= right) fail(_label(what, _mismatch("assertGt", _str(left), _str(right), "<=")));
    }

    function assertGe(uint256 left, uint256 right) internal pure {
        assertGe(left, right, "");
    }

    function assertGe(uint256 left, uint256 right, string memory what) internal pure {
        if (left < right) fail(_label(what, _mismatch("assertGe", _str(left), _str(right), "<")));
    }

    function assertLt(uint256 left, uint256 right) internal pure {
        assertLt(left, right, "");
    }

    function assertLt(uint256 left, uint256 right, string memory what) internal pure {
        if (left >= right) fail(_label(what, _mismatch("assertLt", _str(left), _str(right), ">=")));
    }

    function assertLe(uint256 left, uint256 right) internal pure {
        assertLe(left, right, "");
    }

    function assertLe(uint256 left, uint256 right, string memory what) internal pure {
        if (left > right) fail(_label(what, _mismatch("assertLe", _str(left), _str(right), ">")));
    }

    // --- Addresses, hashes, strings, bytes ------------------------------------------------------

    function assertEq(address left, address right) internal pure {
        assertEq(left, right, "");
    }

    function assertEq(address left, address right, string memory what) internal pure {
        if (left != right) {
            fail(
                _label(
                    what,
                    _mismatch("assertEq(address)", Strings.toHexString(left), Strings.toHexString(right), "!=")
                )
            );
        }
    }

    function assertEq(bytes32 left, bytes32 right) internal pure {
        assertEq(left, right, "");
    }

    function assertEq(bytes32 left, bytes32 right, string memory what) internal pure {
        if (left != right) {
            fail(
                _label(
                    what,
                    _mismatch(
                        "assertEq(bytes32)",
                        Strings.toHexString(uint256(left), 32),
                        Strings.toHexString(uint256(right), 32),
                        "!="
                    )
                )
            );
        }
    }

    function assertEq(string memory left, string memory right) internal pure {
        assertEq(left, right, "");
    }

    function assertEq(string memory left, string memory right, string memory what) internal pure {
        if (!Strings.equal(left, right)) {
            fail(_label(what, _mismatch("assertEq(string)", _quote(left), _quote(right), "!=")));
        }
    }

    function assertEq(bytes memory left, bytes memory right) internal pure {
        assertEq(left, right, "");
    }

    function assertEq(bytes memory left, bytes memory right, string memory what) internal pure {
        if (keccak256(left) != keccak256(right)) {
            fail(
                _label(
                    what,
                    string.concat(
                        "assertEq(bytes): lengths ",
                        _str(left.length),
                        " and ",
                        _str(right.length),
                        ", contents differ"
                    )
                )
            );
        }
    }

    // --- Fuzz inputs ----------------------------------------------------------------------------

    /// @notice Maps any `x` onto `[min, max]` without discarding the input. Values already in range
    /// are kept, so the fuzzer's edge cases (0, 1, max) still reach the bounds.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        if (min > max) fail(string.concat("bound: min ", _str(min), " > max ", _str(max)));
        if (x >= min && x <= max) return x;
        uint256 size = max - min;
        // `size + 1` overflows only for the full range, which every `x` already satisfies above.
        return min + (x % (size + 1));
    }

    // --- Accounts -------------------------------------------------------------------------------

    /// @notice A deterministic private key for `name` (never 0 and below the curve order).
    function keyOf(string memory name) internal pure returns (uint256) {
        return bound(uint256(keccak256(bytes(name))), 1, _SECP256K1_ORDER - 1);
    }

    /// @notice A labelled externally owned account named `name`.
    function makeAddr(string memory name) internal returns (address account) {
        account = vm.addr(keyOf(name));
        vm.label(account, name);
    }

    // --- Invariant targets ----------------------------------------------------------------------

    /// @notice Restricts the invariant fuzzer to `target` (call from `setUp`).
    function targetContract(address target) internal {
        _targetContracts.push(target);
    }

    /// @notice Restricts the invariant fuzzer to these functions of `target` (call from `setUp`),
    /// keeping it off helpers and getters that are not actions.
    function targetSelectors(address target, bytes4[] memory selectors) internal {
        _targetSelectors.push(FuzzSelector({addr: target, selectors: selectors}));
    }

    /// @notice Read by the test runner before an invariant campaign.
    function targetContracts() public view returns (address[] memory) {
        return _targetContracts;
    }

    /// @notice Read by the test runner before an invariant campaign.
    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetSelectors;
    }

    // --- Formatting -----------------------------------------------------------------------------

    uint256 private constant _SECP256K1_ORDER =
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    function _str(uint256 value) private pure returns (string memory) {
        return Strings.toString(value);
    }

    function _quote(string memory value) private pure returns (string memory) {
        return string.concat("\"", value, "\"");
    }

    function _str(bool value) private pure returns (string memory) {
        return value ? "true" : "false";
    }

    function _mismatch(
        string memory assertion,
        string memory left,
        string memory right,
        string memory relation
    ) private pure returns (string memory) {
        return string.concat(assertion, ": ", left, " ", relation, " ", right);
    }

    function _label(string memory what, string memory message) private pure returns (string memory) {
        return bytes(what).length == 0 ? message : string.concat(what, ": ", message);
    }
}
