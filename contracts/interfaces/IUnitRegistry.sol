// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC4907} from "./IERC4907.sol";

/// @title IUnitRegistry
/// @notice The land registry: every 8 × 8 m unit of the world is an ERC-721 token whose id
/// encodes its address (see `libraries/UnitAddress.sol`). The registry keeps who owns what,
/// each unit's scene, decorators, privacy, extra rooms and prepaid storage; it sells nothing
/// itself, and gives away one thing: each account's free Residential unit (`claim`), capped by
/// governance. Land offices (the unit sale, the floor sale, the names registry), appointed by
/// governance, mint and record purchases, so each can be opened, closed or replaced without
/// redeploying the registry.
interface IUnitRegistry is IERC721, IERC4907 {
    /// @notice What a unit is for, which fixes its price and rights (seed §2.9). A unit's type
    /// follows from its address: external surfaces are `External`; an interior unit takes its
    /// district's type (Residential 1 → Residential, Business 2 and Shopping 4 → Commercial,
    /// Community 3 → Community; districts governance opens later carry the type they were opened with).
    enum UnitType {
        None,
        Residential,
        Commercial,
        Community,
        External
    }

    /// @notice Who may see a unit's scene in the app: everyone and listed on maps; everyone with
    /// the link; only the owner, decorators and the visitor list. The chain and public IPFS stay
    /// readable by anyone who looks: see the README's "Privacy" section.
    enum Privacy {
        Public,
        Unlisted,
        Private
    }

    /// @notice A land office: a contract governance lets mint units and record purchases.
    /// @param active Whether it may act at all (governance's switch).
    /// @param allowance How many more units it may mint (`type(uint64).max` for no cap).
    struct LandOffice {
        bool active;
        uint64 allowance;
    }

    /// @notice Emitted after the ERC-721 `Transfer` of every unit a land office mints on its own,
    /// with the storage it comes with. Floors and buildings minted whole emit `ConsecutiveTransfer`
    /// and `FloorStorageExtended` instead; a free claim emits `UnitClaimed`.
    event UnitMinted(uint256 indexed unitId, address indexed owner, uint40 storagePaidUntil);

    /// @notice Emitted after the ERC-721 `Transfer` of a free claim: the unit's owner has spent its
    /// free claim, and its storage is paid for `FREE_STORAGE` from the block's timestamp. `unitId`
    /// is not indexed (the `Transfer` before it indexes it): a topic would cost the claim 119 gas.
    event UnitClaimed(uint256 unitId);

    /// @notice Emitted when governance sets how many free claims are left (0 closes them).
    event FreeClaimsSet(uint64 left);

    /// @notice Emitted when the scene of `unitId` changes. `digest` is the sha2-256 digest of
    /// the scene manifest's CIDv1 and `codec` its multicodec (0x55 raw, 0x70 dag-pb); a zero
    /// digest clears the scene. The CID string is rebuilt off chain.
    event UnitContentSet(uint256 indexed unitId, bytes32 digest, uint64 codec);

    /// @notice Emitted when `owner` appoints `decorator` for one unit (`address(0)` removes it).
    event UnitDecoratorSet(address indexed owner, uint256 indexed unitId, address indexed decorator);

    /// @notice Emitted when `owner` appoints or removes `decorator` for all of its units.
    event DecoratorForAllSet(address indexed owner, address indexed decorator, bool allowed);

    /// @notice Emitted when the privacy of `unitId` changes.
    event UnitPrivacySet(uint256 indexed unitId, Privacy privacy);

    /// @notice Emitted when `owner` adds or removes `visitor` from the visitor list of `unitId`.
    event UnitVisitorSet(address indexed owner, uint256 indexed unitId, address indexed visitor, bool allowed);

    /// @notice Emitted when `unitId` gets extra internal rooms; `rooms` is its new total.
    event UnitRoomsAdded(uint256 indexed unitId, uint8 rooms);

    /// @notice Emitted when the storage of `unitId` is paid until `paidUntil` (unix seconds).
    event UnitStorageExtended(uint256 indexed unitId, uint40 paidUntil);

    /// @notice Emitted when the storage of every unit still held as part of floor `floorId`'s
    /// range is paid until `paidUntil`, and after the `ConsecutiveTransfer` of a floor minted whole.
    event FloorStorageExtended(uint256 indexed floorId, uint40 paidUntil);

    /// @notice Emitted when governance opens district `district` with `neighbourhoods` neighbourhoods.
    event DistrictOpened(uint8 indexed district, UnitType unitType, uint16 neighbourhoods);

    /// @notice Emitted when governance appoints, changes or closes a land office.
    event LandOfficeSet(address indexed office, bool active, uint64 allowance);

    /// @notice Emitted when governance appoints the rentals office (zero: none), the one contract
    /// that sets and ends leases.
    event RentalsOfficeSet(address indexed office);

    /// @notice Emitted when the registry's copy of `unitType`'s rights changes (see `rightsOf`).
    event UnitTypeRightsSet(UnitType indexed unitType, uint256 rights);

    /// @notice Emitted when governance points `tokenURI` at another metadata renderer.
    event MetadataRendererSet(address indexed renderer);

    error UnitNotOpen(uint256 unitId);
    error UnitAlreadyOwned(uint256 unitId);
    error UnitFreeClaimUsed(address account);
    error UnitNotResidential(uint256 unitId);
    error FreeClaimsClosed();
    error UnitNotInterior(uint256 unitId);
    error UnitNotOwner(uint256 unitId, address account);
    error UnitContentUnauthorized(uint256 unitId, address account);
    error UnitRoomsOverflow(uint256 unitId, uint256 rooms);
    error UnitStorageNotExtended(uint256 unitId, uint40 paidUntil, uint40 current);
    error UnitBurnRefused(uint256 unitId);
    error FloorNotFree(uint256 floorId);
    error FloorResidential(uint256 floorId);
    error FloorNotRangeOwned(uint256 floorId);
    error LandOfficeUnauthorized(address caller);
    /// @notice Thrown when someone other than the rentals office sets or ends a lease.
    error RentalsOfficeUnauthorized(address caller);
    /// @notice Thrown when someone other than the parameter store reports a parameter change.
    error ParameterWatcherUnauthorized(address caller);
    /// @notice Thrown when a unit type's rights do not fit the registry's 16-bit copy.
    error UnitTypeRightsInvalid(UnitType unitType, uint256 rights);
    error LandOfficesMismatch(uint256 offices, uint256 allowances);
    error LandOfficeAllowanceExceeded(address office, uint256 requested, uint64 allowance);
    error DistrictAlreadyOpen(uint8 district);
    error DistrictInvalid(uint8 district, UnitType unitType, uint16 neighbourhoods);
    error ZeroAddress();

    // --- The free claim -----------------------------------------------------------------

    /// @notice Gives the caller `unitId`, a Residential unit nobody owns, as its one free unit, with
    /// `FREE_STORAGE` of storage. Refused once the caller has claimed (even if it gave that unit
    /// away) and when no free claims are left.
    function claim(uint256 unitId) external;

    /// @notice Free claims left before the claim closes (governance sets it; 0 is closed).
    function freeClaimsLeft() external view returns (uint64);

    /// @notice Sets how many free claims are left (governance only; 0 closes them).
    function setFreeClaimsLeft(uint64 left) external;

    // --- Land offices -------------------------------------------------------------------

    /// @notice Mints `unitId` to `to` with storage paid until `storagePaidUntil`.
    function mint(address to, uint256 unitId, uint40 storagePaidUntil) external;

    /// @notice Mints all 625 interior units of floor `floorId` to `to` as one range (ERC-2309).
    /// Residential floors are not sold whole: homes are claimed or bought one at a time.
    function mintFloor(address to, uint256 floorId, uint40 storagePaidUntil) external;

    /// @notice Mints all 36 floors of building `buildingId` to `to`, one range per floor.
    function mintBuilding(address to, uint256 buildingId, uint40 storagePaidUntil) external;

    /// @notice Adds `count` extra internal rooms to `unitId`.
    function addRooms(uint256 unitId, uint8 count) external;

    /// @notice Records the storage of `unitId` as paid until `paidUntil` (later than now).
    function extendStorage(uint256 unitId, uint40 paidUntil) external;

    /// @notice Records the storage of the units still held in floor `floorId`'s range as paid until `paidUntil`.
    function extendFloorStorage(uint256 floorId, uint40 paidUntil) external;

    /// @notice Emits ERC-4906 `MetadataUpdate(unitId)` for a land office whose state shows in the metadata (names).
    function notifyMetadataUpdate(uint256 unitId) external;

    // --- Owners ---------------------------------------------------------------------------

    /// @notice Points `unitId` at a scene (see `UnitContentSet`); owner or decorator only, or the
    /// tenant of a lease that allows decorating, whose scene is kept apart (`UserContentSet`).
    function setContent(uint256 unitId, bytes32 digest, uint64 codec) external;

    /// @notice Appoints `decorator` for `unitId` (`address(0)` removes); owner only.
    function setDecorator(uint256 unitId, address decorator) external;

    /// @notice Appoints or removes `decorator` for every unit the caller owns, now and later.
    function setDecoratorForAll(address decorator, bool allowed) external;

    /// @notice Sets who may see `unitId`'s scene in the app; owner only.
    function setPrivacy(uint256 unitId, Privacy privacy) external;

    /// @notice Adds or removes `visitor` from the visitor list of `unitId`; owner only.
    function setVisitor(uint256 unitId, address visitor, bool allowed) external;

    // --- Views ----------------------------------------------------------------------------

    /// @notice The scene of `unitId`: digest (zero when none) and multicodec.
    function contentOf(uint256 unitId) external view returns (bytes32 digest, uint64 codec);

    /// @notice The type of `unitId` (reverts when the id is not an open unit).
    function unitTypeOf(uint256 unitId) external view returns (UnitType);

    /// @notice What `unitId` may be used for: the governance-set flags of its type (`LandRights`).
    function rightsOf(uint256 unitId) external view returns (UnitType unitType, uint256 rights);

    /// @notice Whether `account` may change the scene of `unitId`.
    function canDecorate(uint256 unitId, address account) external view returns (bool);

    /// @notice Whether the app should show `unitId`'s scene to `account`.
    function canVisit(uint256 unitId, address account) external view returns (bool);

    /// @notice The decorator the current owner appointed for `unitId`, if any.
    function decoratorOf(uint256 unitId) external view returns (address);

    /// @notice Whether `decorator` may decorate every unit of `owner`.
    function isDecoratorForAll(address owner, address decorator) external view returns (bool);

    function privacyOf(uint256 unitId) external view returns (Privacy);

    function roomsOf(uint256 unitId) external view returns (uint8);

    /// @notice Unix seconds until which the unit's storage is paid (its content lapses after).
    function storagePaidUntil(uint256 unitId) external view returns (uint40);

    /// @notice How many times `unitId` changed hands since it was minted (a listing nonce for the exchange).
    function transferCount(uint256 unitId) external view returns (uint32);

    /// @notice Floor `floorId`'s range: its owner and storage (zero when the floor was not bought
    /// whole), and whether any unit of it was minted on its own (then it cannot be bought whole).
    function floorRange(uint256 floorId) external view returns (address owner, uint40 paidUntil, bool hasSingles);

    /// @notice Whether `account` used its one free residential claim.
    function hasClaimedFree(address account) external view returns (bool);

    /// @notice The type and open neighbourhoods of `district` (`None`, 0 when closed).
    function district(uint8 districtId) external view returns (UnitType unitType, uint16 neighbourhoods);

    function landOffice(address office) external view returns (LandOffice memory);

    /// @notice The contract that sets and ends leases (`setLease`, `setUser`); zero when none.
    function rentalsOffice() external view returns (address);

    // --- Rentals (ERC-4907 user) ------------------------------------------------------------

    /// @notice Emitted when the tenant of `unitId` points it at a scene of its own (see
    /// `setContent`); the unit shows it instead of the owner's until the lease ends.
    event UserContentSet(uint256 indexed unitId, address indexed user, bytes32 digest, uint64 codec);

    /// @notice Thrown when a lease is set on `unitId` while `user`'s runs until `expires`: a
    /// running lease is only ever ended early, never replaced.
    error UnitLeaseActive(uint256 unitId, address user, uint64 expires);

    /// @notice Thrown when a lease would end at or before the block's time.
    error UnitLeaseExpiryInvalid(uint256 unitId, uint64 expires);

    /// @notice Thrown when the type of `unitId` lacks the rent right (`LandRights.RENT`).
    error UnitNotRentable(uint256 unitId);

    /// @notice Makes `tenant` the ERC-4907 user of `unitId` until `expires`, allowed to change its
    /// scene when `mayDecorate`. The rentals office only (`rentalsOffice`); refused while a lease
    /// runs and for types without the rent right. `setUser(unitId, address(0), 0)` ends a lease early.
    /// @return owner The unit's owner and `transfers` its `transferCount`, for the office to check
    /// the lease's terms against the unit as it is, without calling twice.
    function setLease(
        uint256 unitId,
        address tenant,
        uint64 expires,
        bool mayDecorate
    ) external returns (address owner, uint32 transfers);
}
