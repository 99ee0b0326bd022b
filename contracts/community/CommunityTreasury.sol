// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {
    TimelockControllerUpgradeable
} from "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ICommunityTreasury} from "./interfaces/ICommunityTreasury.sol";
import {CloneArgs} from "./CloneArgs.sol";

/// @title CommunityTreasury
/// @notice A community's treasury and the executor of its decisions: OpenZeppelin's
/// `TimelockController` (ERC-721 and ERC-1155 receiver, so it holds units and tickets) whose
/// only proposer and canceller is the community's governor and whose executor is anyone once an
/// operation is ready. Nothing moves its assets except an executed operation; `donate` and plain
/// ETH transfers only bring assets in, each recorded by a `Donated` event.
/// @dev Deployed once; each community is an ERC-1167 clone whose immutable arguments are
/// `governor (20) ‖ minDelay (4)`, and creating one writes no storage at all. OpenZeppelin's
/// constructor grants four roles (the timelock administers itself, the governor proposes and
/// cancels, anyone executes) in four fresh slots; here those four grants are built in: `hasRole`
/// answers them from the arguments unless governance revoked them (a bit in `_revoked`), and
/// granting one back clears the bit. Every other grant is OpenZeppelin's storage. The delay is
/// the argument until governance updates it. OpenZeppelin's public `initialize` is disabled.
contract CommunityTreasury is TimelockControllerUpgradeable, ICommunityTreasury {
    using SafeERC20 for IERC20;

    uint8 private constant _SELF_ADMIN = 1;
    uint8 private constant _GOVERNOR_PROPOSER = 2;
    uint8 private constant _GOVERNOR_CANCELLER = 4;
    uint8 private constant _OPEN_EXECUTOR = 8;

    /// @notice MRK, the donations' token besides ETH.
    IERC20 public immutable mrk;

    /// @dev Slot layout: revoked (8) | delayChanged (8) | minDelay (240).
    uint8 private _revoked;
    bool private _delayChanged;
    uint240 private _minDelay;

    /// @param mrk_ MRK.
    constructor(IERC20 mrk_) {
        mrk = mrk_;
        _disableInitializers();
    }

    /// @notice Disabled: a community's treasury is configured by its clone's arguments.
    function initialize(uint256, address[] memory, address[] memory, address) public pure override {
        revert TreasuryInitializerDisabled();
    }

    // --- Donations --------------------------------------------------------------------------------

    /// @inheritdoc ICommunityTreasury
    function donate(uint256 mrkAmount) external payable {
        if (mrkAmount == 0 && msg.value == 0) revert TreasuryEmptyDonation();
        if (msg.value != 0) emit Donated(msg.sender, address(0), msg.value);
        if (mrkAmount != 0) {
            emit Donated(msg.sender, address(mrk), mrkAmount);
            mrk.safeTransferFrom(msg.sender, address(this), mrkAmount);
        }
    }

    /// @notice ETH sent plainly is a donation too (the event fits a `transfer`'s 2,300 gas).
    receive() external payable override {
        emit Donated(msg.sender, address(0), msg.value);
    }

    // --- Roles and delay from the clone's arguments -----------------------------------------------

    /// @inheritdoc ICommunityTreasury
    function governor() public view returns (address) {
        return CloneArgs.addressAt(0);
    }

    /// @notice Whether `account` holds `role`: the four built-in grants unless revoked, else
    /// OpenZeppelin's storage.
    function hasRole(bytes32 role, address account) public view override returns (bool) {
        uint8 grant = _builtInGrant(role, account);
        if (grant != 0 && _revoked & grant == 0) return true;
        return super.hasRole(role, account);
    }

    /// @inheritdoc TimelockControllerUpgradeable
    function getMinDelay() public view override returns (uint256) {
        return _delayChanged ? _minDelay : uint32(bytes4(CloneArgs.word(20)));
    }

    /// @notice Changes the delay; only the treasury itself, i.e. an executed proposal.
    function updateDelay(uint256 newDelay) public override {
        if (msg.sender != address(this)) revert TimelockUnauthorizedCaller(msg.sender);
        emit MinDelayChange(getMinDelay(), newDelay);
        _minDelay = SafeCast.toUint240(newDelay);
        _delayChanged = true;
    }

    function _grantRole(bytes32 role, address account) internal override returns (bool) {
        uint8 grant = _builtInGrant(role, account);
        if (grant != 0 && _revoked & grant != 0) {
            _revoked &= ~grant;
            emit RoleGranted(role, account, msg.sender);
            return true;
        }
        return super._grantRole(role, account);
    }

    function _revokeRole(bytes32 role, address account) internal override returns (bool) {
        uint8 grant = _builtInGrant(role, account);
        if (grant != 0 && _revoked & grant == 0) {
            _revoked |= grant;
            emit RoleRevoked(role, account, msg.sender);
            return true;
        }
        return super._revokeRole(role, account);
    }

    /// @dev Which built-in grant `(role, account)` is, or 0.
    function _builtInGrant(bytes32 role, address account) private view returns (uint8) {
        if (role == DEFAULT_ADMIN_ROLE) return account == address(this) ? _SELF_ADMIN : 0;
        if (role == EXECUTOR_ROLE) return account == address(0) ? _OPEN_EXECUTOR : 0;
        if (account != governor()) return 0;
        if (role == PROPOSER_ROLE) return _GOVERNOR_PROPOSER;
        return role == CANCELLER_ROLE ? _GOVERNOR_CANCELLER : 0;
    }
}
