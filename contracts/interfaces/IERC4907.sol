// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IERC4907
/// @notice ERC-4907 (rental NFT): a token's *user*, a role apart from its owner that ends by
/// itself at `expires`. Interface id `0xad092b5c`.
interface IERC4907 {
    /// @notice Emitted when the user of `tokenId` changes or its expiry is set; `user` zero
    /// means there is none.
    event UpdateUser(uint256 indexed tokenId, address indexed user, uint64 expires);

    /// @notice Makes `user` the user of `tokenId` until `expires` (unix seconds); a zero `user`
    /// removes the user.
    function setUser(uint256 tokenId, address user, uint64 expires) external;

    /// @notice The user of `tokenId`, zero when there is none or the last one's time has run out.
    function userOf(uint256 tokenId) external view returns (address);

    /// @notice When the user of `tokenId` stops being its user (unix seconds; zero when none was set).
    function userExpires(uint256 tokenId) external view returns (uint256);
}
