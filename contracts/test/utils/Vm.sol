// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Vm
/// @notice The cheatcodes Markspace's Solidity tests use, as served by Hardhat 3's EDR test
/// runner at the standard cheatcode address. Only the cheatcodes our tests call are declared;
/// add a declaration here (same signature as Foundry's) before using a new one.
interface Vm {
    /// @notice One log captured between `recordLogs` and `getRecordedLogs`.
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    // --- Caller and environment -------------------------------------------------------------

    /// @notice Sets `block.chainid` (what a fork with another chain id would see).
    function chainId(uint256 newChainId) external;

    /// @notice The next call (only) is made with `msg.sender == sender`.
    function prank(address sender) external;

    /// @notice Every following call is made with `msg.sender == sender` until `stopPrank`.
    function startPrank(address sender) external;

    /// @notice Ends a `startPrank`.
    function stopPrank() external;

    /// @notice Sets `account`'s ether balance.
    function deal(address account, uint256 newBalance) external;

    /// @notice Sets `block.timestamp`.
    function warp(uint256 newTimestamp) external;

    /// @notice Sets `block.number`.
    function roll(uint256 newHeight) external;

    /// @notice The nonce of `account` (for a contract: one more than the contracts it created).
    function getNonce(address account) external view returns (uint64 nonce);

    /// @notice The address a `CREATE` by `deployer` at `nonce` deploys to.
    function computeCreateAddress(address deployer, uint256 nonce) external pure returns (address);

    // --- Expectations ------------------------------------------------------------------------

    /// @notice The next call must revert, with any data.
    function expectRevert() external;

    /// @notice The next call must revert with exactly `revertData` (e.g. `abi.encodeWithSelector`).
    function expectRevert(bytes calldata revertData) external;

    /// @notice The next call must revert with data starting with `revertSelector`.
    function expectRevert(bytes4 revertSelector) external;

    /// @notice The next event emitted must match the one emitted right after this call, comparing
    /// every topic and the data.
    function expectEmit() external;

    /// @notice As `expectEmit()`, and the event must come from `emitter`.
    function expectEmit(address emitter) external;

    /// @notice As `expectEmit()`, choosing which topics (1..3) and whether the data are compared.
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData) external;

    /// @notice Starts capturing every emitted log.
    function recordLogs() external;

    /// @notice Returns (and clears) the logs captured since `recordLogs`.
    function getRecordedLogs() external returns (Log[] memory logs);

    // --- Fuzzing -------------------------------------------------------------------------------

    /// @notice Discards the current fuzz input when `condition` is false.
    function assume(bool condition) external pure;

    // --- Keys and signatures -------------------------------------------------------------------

    /// @notice The address of `privateKey`.
    function addr(uint256 privateKey) external pure returns (address account);

    /// @notice Signs `digest` with `privateKey` (secp256k1).
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);

    /// @notice Names `account` in traces.
    function label(address account, string calldata newLabel) external;
}
