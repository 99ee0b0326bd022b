// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC2309} from "@openzeppelin/contracts/interfaces/IERC2309.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {IUnitRegistry} from "../interfaces/IUnitRegistry.sol";
import {IERC4907} from "../interfaces/IERC4907.sol";
import {IMarkParameters, IParameterWatcher} from "../interfaces/IMarkParameters.sol";
import {IUnitMetadata} from "../interfaces/IUnitMetadata.sol";
import {UnitAddress} from "../libraries/UnitAddress.sol";
import {LandRights} from "./LandRights.sol";

/// @title UnitRegistry
/// @notice ERC-721 registry of the world's units. Token ids are packed unit addresses
/// (`UnitAddress`). Units are minted only by land offices governance appoints; a whole floor
/// (625 units) or building is minted as ranges with ERC-2309 `ConsecutiveTransfer` events and
/// one storage write per floor.
/// @dev Storage layout, chosen so the common paths touch as few slots as possible:
///  - one slot per unit (`UnitRecord`): owner, storage paid-until, transfer count, rooms,
///    privacy, content codec, flags. It is written when a unit is minted on its own or first
///    moves out of a range; until then `ownerOf` reads the floor's range. A range unit given
///    privacy, rooms, a non-raw scene, an approval or its own storage gets its record early but
///    stays part of the range (`FLAG_RANGE`) until it first moves.
///  - one slot per floor (`FloorRecord`): the range owner and its storage, or the mark that
///    single units were minted there (so the floor can no longer be sold whole).
///  - one word per account: the balance in the low 64 bits and the free-claim mark above it.
///  - one slot per scene: the manifest CID's sha2-256 digest.
///  - one slot per unit ever leased (`_users`): its ERC-4907 user, the lease's end and the tenant's
///    rights, apart from the unit's record so transfers, claims and mints never read it.
///  - one slot (`_rentals`) for the rentals office and a copy of each unit type's rights, so that
///    starting a lease checks its caller and the rent right in one read, and `rightsOf` answers
///    without calling the parameter store. The copy is kept by the store itself, which tells the
///    registry of every change in the same transaction (`parameterChanged`).
/// OpenZeppelin's `_owners` and `_balances` are unused: `_ownerOf`, `balanceOf`,
/// `_increaseBalance` and `_update` are overridden to read and write the records above.
contract UnitRegistry is ERC721, AccessManaged, IUnitRegistry, IERC2309, IERC4906, IParameterWatcher {
    uint256 private constant UNITS_PER_FLOOR = UnitAddress.UNITS_PER_FLOOR;
    uint256 private constant FLOORS_PER_BUILDING = UnitAddress.FLOORS_PER_BUILDING;
    uint64 private constant UNLIMITED = type(uint64).max;
    /// @notice Storage that comes with a free unit.
    uint40 public constant FREE_STORAGE = 365 days;

    /// @notice Multicodecs a scene CID may use; the record stores the index (0 is raw).
    uint64 private constant CODEC_RAW = 0x55;
    uint64 private constant CODEC_DAG_PB = 0x70;
    uint64 private constant CODEC_DAG_CBOR = 0x71;
    uint64 private constant CODEC_DAG_JSON = 0x0129;

    struct UnitRecord {
        address owner;
        uint40 storagePaidUntil;
        uint24 transfers;
        uint8 flags;
        uint8 rooms;
        Privacy privacy;
        uint8 codec;
    }

    /// @dev `UnitRecord.flags`: the unit has an ERC-721 approval to clear when it moves, so a
    /// transfer reads the approval slot only when there is one.
    uint8 private constant FLAG_APPROVED = 1;
    /// @dev `UnitRecord.flags`: the record was written while the unit is still held in its floor's
    /// range (privacy, rooms, a scene's codec, its own storage or an approval, before it ever
    /// moved). Such a unit still follows the range's storage: its paid-until is the later of its
    /// own and the range's, fixed in the record when it first moves.
    uint8 private constant FLAG_RANGE = 2;

    /// @dev Bit positions and masks of the packed unit word (see `_loadUnit`).
    uint256 private constant OWNER_MASK = type(uint160).max;
    uint256 private constant PAID_SHIFT = 160;
    uint256 private constant PAID_MASK = type(uint40).max;
    uint256 private constant TRANSFERS_SHIFT = 200;
    uint256 private constant TRANSFERS_MASK = type(uint24).max;
    uint256 private constant FLAGS_SHIFT = 224;
    uint256 private constant BALANCE_MASK = type(uint64).max;
    uint256 private constant FREE_CLAIM_USED = 1 << 64;

    struct FloorRecord {
        address owner;
        uint40 storagePaidUntil;
        bool hasSingles;
    }

    struct DistrictRecord {
        UnitType unitType;
        uint16 neighbourhoods;
    }

    /// @notice Governance parameters: rights of each unit type.
    IMarkParameters public immutable parameters;
    /// @notice Contract that builds `tokenURI` (replaceable by governance).
    IUnitMetadata public metadataRenderer;
    /// @inheritdoc IUnitRegistry
    uint64 public freeClaimsLeft;

    /// @dev Each unit's `UnitRecord` packed by hand into one word (`_loadUnit`/`_storeUnit`): one
    /// SLOAD and one SSTORE, where Solidity's struct copies read and write the slot per member.
    mapping(uint256 unitId => uint256 word) private _units;
    mapping(uint256 floorId => FloorRecord) private _floors;
    /// @dev Balance in bits 0–63 (no account holds 2^64 units, so adding and subtracting one
    /// never reaches the mark), `FREE_CLAIM_USED` above it.
    mapping(address account => uint256 word) private _accounts;
    mapping(uint256 unitId => bytes32 digest) private _content;
    mapping(uint8 district => DistrictRecord) private _districts;
    mapping(address office => LandOffice) private _offices;
    mapping(address owner => mapping(uint256 unitId => address decorator)) private _decorators;
    mapping(address owner => mapping(address decorator => bool)) private _decoratorsForAll;
    mapping(address owner => mapping(uint256 unitId => mapping(address visitor => bool))) private _visitors;

    /// @notice Thrown by `setContent` for a multicodec the registry does not store.
    error UnitContentCodecUnsupported(uint64 codec);

    /// @param authority The `AccessManager` whose admin (governance) may open districts, appoint
    /// land offices and replace the metadata renderer.
    /// @param parameters_ Governance parameters holding each unit type's rights.
    /// @param renderer Builds `tokenURI` (may be zero until one is set).
    /// @param freeClaims Free claims open at genesis (the global cap; governance changes it later).
    /// @param offices Land offices active from genesis, with their mint allowances.
    /// @param rentals The rentals office (zero: none yet). The parameter store must name this
    /// registry its watcher, and must hold each unit type's rights already: they are copied here.
    constructor(
        address authority,
        IMarkParameters parameters_,
        IUnitMetadata renderer,
        uint64 freeClaims,
        address[] memory offices,
        uint64[] memory allowances,
        address rentals
    ) ERC721("Markspace Unit", "UNIT") AccessManaged(authority) {
        if (address(parameters_) == address(0)) revert ZeroAddress();
        parameters = parameters_;
        _rentals = uint256(uint160(rentals));
        emit RentalsOfficeSet(rentals);
        _copyRights(UnitType.Residential, parameters_.get(LandRights.RIGHTS_RESIDENTIAL));
        _copyRights(UnitType.Commercial, parameters_.get(LandRights.RIGHTS_COMMERCIAL));
        _copyRights(UnitType.Community, parameters_.get(LandRights.RIGHTS_COMMUNITY));
        _copyRights(UnitType.External, parameters_.get(LandRights.RIGHTS_EXTERNAL));
        metadataRenderer = renderer;
        freeClaimsLeft = freeClaims;
        emit FreeClaimsSet(freeClaims);
        if (offices.length != allowances.length) revert LandOfficesMismatch(offices.length, allowances.length);
        for (uint256 i = 0; i < offices.length; ++i) _setLandOffice(offices[i], true, allowances[i]);
    }

    // =========================================================================================
    // The free claim
    // =========================================================================================

    /// @inheritdoc IUnitRegistry
    /// @dev The cheapest path of the registry: three slots (the unit, the caller's account word and
    /// the count left), no floor lookup (Residential floors are never sold whole) and no call
    /// through an office.
    function claim(uint256 unitId) external {
        uint64 left = freeClaimsLeft;
        if (left == 0) revert FreeClaimsClosed();
        if (_openTypeOf(unitId) != UnitType.Residential) revert UnitNotResidential(unitId);
        if (_units[unitId] != 0) revert UnitAlreadyOwned(unitId);
        uint256 account = _accounts[msg.sender];
        if (account & FREE_CLAIM_USED != 0) revert UnitFreeClaimUsed(msg.sender);
        unchecked {
            freeClaimsLeft = left - 1;
            // The balance is below 2^64 - 1 (see `_accounts`), so adding one stays under the mark;
            // a uint40 timestamp overflows in 34,000 years.
            _accounts[msg.sender] = (account | FREE_CLAIM_USED) + 1;
            _units[unitId] = uint256(uint160(msg.sender)) | ((block.timestamp + FREE_STORAGE) << PAID_SHIFT);
        }
        emit Transfer(address(0), msg.sender, unitId);
        emit UnitClaimed(unitId);
    }

    /// @inheritdoc IUnitRegistry
    function setFreeClaimsLeft(uint64 left) external restricted {
        freeClaimsLeft = left;
        emit FreeClaimsSet(left);
    }

    // =========================================================================================
    // Land offices
    // =========================================================================================

    /// @inheritdoc IUnitRegistry
    function mint(address to, uint256 unitId, uint40 storagePaidUntil_) external {
        _spendAllowance(1);
        if (to == address(0)) revert ERC721InvalidReceiver(address(0));
        UnitType unitType = _openTypeOf(unitId);
        if (_units[unitId] != 0) revert UnitAlreadyOwned(unitId);
        if (_isRangeable(unitType)) {
            FloorRecord storage floor = _floors[UnitAddress.floorOf(unitId)];
            if (floor.owner != address(0)) revert UnitAlreadyOwned(unitId);
            if (!floor.hasSingles) floor.hasSingles = true;
        }
        unchecked {
            ++_accounts[to];
        }
        _units[unitId] = uint256(uint160(to)) | (uint256(storagePaidUntil_) << PAID_SHIFT);
        emit Transfer(address(0), to, unitId);
        emit UnitMinted(unitId, to, storagePaidUntil_);
    }

    /// @inheritdoc IUnitRegistry
    function mintFloor(address to, uint256 floorId, uint40 storagePaidUntil_) external {
        _spendAllowance(UNITS_PER_FLOOR);
        if (to == address(0)) revert ERC721InvalidReceiver(address(0));
        _requireFloorId(floorId);
        if (!_isRangeable(_openTypeOf(floorId))) revert FloorResidential(floorId);
        _mintRange(to, floorId, storagePaidUntil_);
        _increaseBalance(to, uint128(UNITS_PER_FLOOR));
    }

    /// @inheritdoc IUnitRegistry
    function mintBuilding(address to, uint256 buildingId, uint40 storagePaidUntil_) external {
        _spendAllowance(UNITS_PER_FLOOR * FLOORS_PER_BUILDING);
        if (to == address(0)) revert ERC721InvalidReceiver(address(0));
        if (UnitAddress.buildingOf(buildingId) != buildingId) revert FloorNotFree(buildingId);
        _requireFloorId(buildingId);
        if (!_isRangeable(_openTypeOf(buildingId))) revert FloorResidential(buildingId);
        // Bounded: a building always has FLOORS_PER_BUILDING floors.
        for (uint256 floor = 0; floor < FLOORS_PER_BUILDING; ++floor) {
            _mintRange(to, buildingId | (floor << UnitAddress.FLOOR_SHIFT), storagePaidUntil_);
        }
        _increaseBalance(to, uint128(UNITS_PER_FLOOR * FLOORS_PER_BUILDING));
    }

    /// @inheritdoc IUnitRegistry
    function addRooms(uint256 unitId, uint8 count) external {
        _requireActiveOffice();
        UnitRecord memory unit = _recordOf(unitId);
        if (UnitAddress.isExternal(unitId)) revert UnitNotInterior(unitId);
        uint256 rooms = uint256(unit.rooms) + count;
        if (rooms > type(uint8).max) revert UnitRoomsOverflow(unitId, rooms);
        unit.rooms = uint8(rooms);
        _storeUnit(unitId, unit);
        emit UnitRoomsAdded(unitId, uint8(rooms));
        emit MetadataUpdate(unitId);
    }

    /// @inheritdoc IUnitRegistry
    function extendStorage(uint256 unitId, uint40 paidUntil) external {
        _requireActiveOffice();
        UnitRecord memory unit = _recordOf(unitId);
        if (paidUntil <= unit.storagePaidUntil || paidUntil <= block.timestamp) {
            revert UnitStorageNotExtended(unitId, paidUntil, unit.storagePaidUntil);
        }
        unit.storagePaidUntil = paidUntil;
        _storeUnit(unitId, unit);
        emit UnitStorageExtended(unitId, paidUntil);
    }

    /// @inheritdoc IUnitRegistry
    function extendFloorStorage(uint256 floorId, uint40 paidUntil) external {
        _requireActiveOffice();
        FloorRecord storage floor = _floors[floorId];
        if (floor.owner == address(0)) revert FloorNotRangeOwned(floorId);
        uint40 current = floor.storagePaidUntil;
        if (paidUntil <= current || paidUntil <= block.timestamp) {
            revert UnitStorageNotExtended(floorId, paidUntil, current);
        }
        floor.storagePaidUntil = paidUntil;
        emit FloorStorageExtended(floorId, paidUntil);
    }

    /// @inheritdoc IUnitRegistry
    function notifyMetadataUpdate(uint256 unitId) external {
        _requireActiveOffice();
        _requireOwned(unitId);
        emit MetadataUpdate(unitId);
    }

    // =========================================================================================
    // Governance (through the AccessManager)
    // =========================================================================================

    /// @notice Opens district `districtId` (above the seed's four) with `neighbourhoods`
    /// neighbourhoods of `unitType`, or opens more neighbourhoods of a district opened before.
    /// Never shrinks a district and never changes its type.
    function openDistrict(uint8 districtId, UnitType unitType, uint16 neighbourhoods) external restricted {
        DistrictRecord memory record = _districts[districtId];
        if (
            districtId <= UnitAddress.SEED_DISTRICTS ||
            unitType == UnitType.None ||
            unitType == UnitType.External ||
            neighbourhoods > UnitAddress.NEIGHBOURHOODS_PER_DISTRICT ||
            neighbourhoods <= record.neighbourhoods ||
            (record.unitType != UnitType.None && record.unitType != unitType)
        ) revert DistrictInvalid(districtId, unitType, neighbourhoods);
        _districts[districtId] = DistrictRecord({unitType: unitType, neighbourhoods: neighbourhoods});
        emit DistrictOpened(districtId, unitType, neighbourhoods);
    }

    /// @notice Appoints, adjusts or closes a land office.
    function setLandOffice(address office, bool active, uint64 allowance) external restricted {
        _setLandOffice(office, active, allowance);
    }

    /// @notice Appoints the rentals office, the one contract that sets and ends leases (zero:
    /// none). Leases set by the old office run on to their end; only the new one ends them early.
    function setRentalsOffice(address office) external restricted {
        _rentals = (_rentals & ~OWNER_MASK) | uint256(uint160(office));
        emit RentalsOfficeSet(office);
    }

    /// @notice Told by the parameter store of every change (`IParameterWatcher`): a unit type's
    /// rights are copied; other keys are ignored.
    function parameterChanged(bytes32 key, uint256 value) external {
        if (msg.sender != address(parameters)) revert ParameterWatcherUnauthorized(msg.sender);
        if (key == LandRights.RIGHTS_RESIDENTIAL) _copyRights(UnitType.Residential, value);
        else if (key == LandRights.RIGHTS_COMMERCIAL) _copyRights(UnitType.Commercial, value);
        else if (key == LandRights.RIGHTS_COMMUNITY) _copyRights(UnitType.Community, value);
        else if (key == LandRights.RIGHTS_EXTERNAL) _copyRights(UnitType.External, value);
    }

    /// @notice Points `tokenURI` at another renderer.
    function setMetadataRenderer(IUnitMetadata renderer) external restricted {
        metadataRenderer = renderer;
        emit MetadataRendererSet(address(renderer));
        emit BatchMetadataUpdate(0, type(uint256).max);
    }

    // =========================================================================================
    // Owners and decorators
    // =========================================================================================

    /// @inheritdoc IUnitRegistry
    function setContent(uint256 unitId, bytes32 digest, uint64 codec) external {
        uint256 word = _units[unitId];
        address owner = address(uint160(word));
        if (owner == address(0)) owner = _rangeOwnerOf(unitId);
        if (owner == address(0)) revert ERC721NonexistentToken(unitId);
        if (!_canDecorate(owner, msg.sender, unitId)) {
            // Not the owner's side: only a tenant may go on, and its scene is kept apart.
            _setUserContent(unitId, digest, codec);
            return;
        }
        uint8 codecIndex = _codecIndex(codec);
        // The record is written only when the codec changes: a range-held unit keeps reading its floor.
        if (codecIndex != uint8(word >> 248)) {
            UnitRecord memory unit = _recordOf(unitId);
            unit.codec = codecIndex;
            _storeUnit(unitId, unit);
        }
        _content[unitId] = digest;
        emit UnitContentSet(unitId, digest, codec);
        emit MetadataUpdate(unitId);
    }

    /// @inheritdoc IUnitRegistry
    function setDecorator(uint256 unitId, address decorator) external {
        address owner = _requireOwner(unitId);
        _decorators[owner][unitId] = decorator;
        emit UnitDecoratorSet(owner, unitId, decorator);
    }

    /// @inheritdoc IUnitRegistry
    function setDecoratorForAll(address decorator, bool allowed) external {
        if (decorator == address(0)) revert ZeroAddress();
        _decoratorsForAll[msg.sender][decorator] = allowed;
        emit DecoratorForAllSet(msg.sender, decorator, allowed);
    }

    /// @inheritdoc IUnitRegistry
    function setPrivacy(uint256 unitId, Privacy privacy) external {
        _requireOwner(unitId);
        UnitRecord memory unit = _recordOf(unitId);
        unit.privacy = privacy;
        _storeUnit(unitId, unit);
        emit UnitPrivacySet(unitId, privacy);
        emit MetadataUpdate(unitId);
    }

    /// @inheritdoc IUnitRegistry
    function setVisitor(uint256 unitId, address visitor, bool allowed) external {
        address owner = _requireOwner(unitId);
        if (visitor == address(0)) revert ZeroAddress();
        _visitors[owner][unitId][visitor] = allowed;
        emit UnitVisitorSet(owner, unitId, visitor, allowed);
    }

    // =========================================================================================
    // Rentals (ERC-4907)
    // =========================================================================================

    /// @dev Each unit's ERC-4907 user, kept apart from the unit's record so transfers, claims and
    /// mints never read it: the user in bits 0–159, its expiry (unix seconds) in 160–223, then
    /// `LEASE_DECORATES`, `LEASE_SCENE` and, in 232–239, the codec index of the tenant's scene.
    /// A transfer leaves it untouched: the lease runs on under the new owner.
    mapping(uint256 unitId => uint256 word) private _users;
    /// @dev The scene a tenant set (`LEASE_SCENE`), shown instead of the owner's while its lease runs.
    mapping(uint256 unitId => bytes32 digest) private _userContent;

    /// @dev The rentals office in bits 0–159, then each unit type's rights, 16 bits a type from
    /// bit 160 (`RIGHTS_SHIFT + 16 * type`): five types fill bits 160–239.
    uint256 private _rentals;
    uint256 private constant RIGHTS_SHIFT = 160;
    uint256 private constant RIGHTS_MASK = type(uint16).max;

    uint256 private constant EXPIRES_SHIFT = 160;
    uint256 private constant LEASE_DECORATES = 1 << 224;
    uint256 private constant LEASE_SCENE = 1 << 225;
    uint256 private constant LEASE_CODEC_SHIFT = 232;
    /// @dev What an ended lease leaves: no user, no expiry, but a non-zero slot, so the unit's next
    /// lease writes a used slot (5,000 gas) instead of a new one (22,100).
    uint256 private constant LEASE_ENDED = 1 << 255;

    /// @inheritdoc IERC4907
    /// @dev The rentals office only: owners cannot hand the user role out themselves, which is
    /// what lets a lease outlive a transfer with no custody. Sets a tenant without decorating rights.
    function setUser(uint256 unitId, address user, uint64 expires) external {
        _requireOwned(unitId);
        _setUser(_requireRentalsOffice(), unitId, user, expires, false);
    }

    /// @inheritdoc IUnitRegistry
    function setLease(
        uint256 unitId,
        address tenant,
        uint64 expires,
        bool mayDecorate
    ) external returns (address owner, uint32 transfers) {
        // Read from the packed word: only a unit still held in its range (no record) needs its floor.
        uint256 word = _units[unitId];
        owner = address(uint160(word));
        if (owner == address(0)) owner = _recordOf(unitId).owner;
        transfers = uint24(word >> TRANSFERS_SHIFT);
        _setUser(_requireRentalsOffice(), unitId, tenant, expires, mayDecorate);
    }

    /// @inheritdoc IERC4907
    /// @dev The user until the second before `expires`: at `expires` the lease is over.
    function userOf(uint256 unitId) external view returns (address) {
        return address(uint160(_activeLease(unitId)));
    }

    /// @inheritdoc IERC4907
    function userExpires(uint256 unitId) external view returns (uint256) {
        return uint64(_users[unitId] >> EXPIRES_SHIFT);
    }

    /// @dev The rentals office sets or ends a lease of a unit someone owns (`rentals` is the
    /// `_rentals` word, read by the caller's check). A running lease is never replaced (so no unit
    /// is rented twice); only ending it (`user` zero) is accepted then.
    function _setUser(uint256 rentals, uint256 unitId, address user, uint64 expires, bool mayDecorate) private {
        uint256 running = _activeLease(unitId);
        if (user == address(0)) {
            expires = 0;
            _users[unitId] = LEASE_ENDED;
        } else {
            if (running != 0) {
                revert UnitLeaseActive(unitId, address(uint160(running)), uint64(running >> EXPIRES_SHIFT));
            }
            if (expires <= block.timestamp) revert UnitLeaseExpiryInvalid(unitId, expires);
            if (_rightsIn(rentals, _openTypeOf(unitId)) & LandRights.RENT == 0) {
                revert UnitNotRentable(unitId);
            }
            _users[unitId] =
                uint256(uint160(user)) |
                (uint256(expires) << EXPIRES_SHIFT) |
                (mayDecorate ? LEASE_DECORATES : 0);
        }
        emit UpdateUser(unitId, user, expires);
    }

    /// @dev `setContent` by someone who is not on the owner's side: the tenant of a running lease
    /// that allows decorating sets its own scene, which the unit shows until the lease ends (the
    /// owner's stays stored and shows again after).
    function _setUserContent(uint256 unitId, bytes32 digest, uint64 codec) private {
        uint256 lease = _activeLease(unitId);
        if (address(uint160(lease)) != msg.sender || lease & LEASE_DECORATES == 0) {
            revert UnitContentUnauthorized(unitId, msg.sender);
        }
        _users[unitId] =
            (lease & ~(uint256(type(uint8).max) << LEASE_CODEC_SHIFT)) |
            LEASE_SCENE |
            (uint256(_codecIndex(codec)) << LEASE_CODEC_SHIFT);
        _userContent[unitId] = digest;
        emit UserContentSet(unitId, msg.sender, digest, codec);
        emit MetadataUpdate(unitId);
    }

    /// @dev The lease word of `unitId` while it runs, else zero.
    function _activeLease(uint256 unitId) private view returns (uint256 lease) {
        lease = _users[unitId];
        if (uint64(lease >> EXPIRES_SHIFT) <= block.timestamp) lease = 0;
    }

    // =========================================================================================
    // Views
    // =========================================================================================

    /// @notice ERC-721 metadata JSON built by the metadata renderer (empty until one is set).
    function tokenURI(uint256 unitId) public view override returns (string memory) {
        _requireOwned(unitId);
        if (address(metadataRenderer) == address(0)) return "";
        return metadataRenderer.tokenURI(unitId);
    }

    /// @notice Number of units `owner` holds, ranges included.
    function balanceOf(address owner) public view override(ERC721, IERC721) returns (uint256) {
        if (owner == address(0)) revert ERC721InvalidOwner(address(0));
        return _accounts[owner] & BALANCE_MASK;
    }

    /// @inheritdoc IUnitRegistry
    /// @dev While a lease runs and its tenant has set a scene, the tenant's.
    function contentOf(uint256 unitId) external view returns (bytes32 digest, uint64 codec) {
        UnitRecord memory unit = _recordOf(unitId);
        uint256 lease = _activeLease(unitId);
        if (lease & LEASE_SCENE != 0) return (_userContent[unitId], _codecOf(uint8(lease >> LEASE_CODEC_SHIFT)));
        return (_content[unitId], _codecOf(unit.codec));
    }

    /// @inheritdoc IUnitRegistry
    function unitTypeOf(uint256 unitId) external view returns (UnitType) {
        return _openTypeOf(unitId);
    }

    /// @inheritdoc IUnitRegistry
    function rightsOf(uint256 unitId) external view returns (UnitType unitType, uint256 rights) {
        unitType = _openTypeOf(unitId);
        rights = _rightsIn(_rentals, unitType);
    }

    /// @inheritdoc IUnitRegistry
    /// @dev The zero address is nobody: it never decorates (an unset decorator slot holds zero).
    function canDecorate(uint256 unitId, address account) external view returns (bool) {
        address owner = _requireOwned(unitId);
        if (account == address(0)) return false;
        if (_canDecorate(owner, account, unitId)) return true;
        uint256 lease = _activeLease(unitId);
        return lease & LEASE_DECORATES != 0 && address(uint160(lease)) == account;
    }

    /// @inheritdoc IUnitRegistry
    function canVisit(uint256 unitId, address account) external view returns (bool) {
        UnitRecord memory unit = _recordOf(unitId);
        if (unit.privacy != Privacy.Private) return true;
        // The zero address is nobody: an unset decorator slot must not let it in.
        if (account == address(0)) return false;
        return
            _canDecorate(unit.owner, account, unitId) ||
            _visitors[unit.owner][unitId][account] ||
            address(uint160(_activeLease(unitId))) == account;
    }

    /// @inheritdoc IUnitRegistry
    function decoratorOf(uint256 unitId) external view returns (address) {
        return _decorators[_requireOwned(unitId)][unitId];
    }

    /// @inheritdoc IUnitRegistry
    function isDecoratorForAll(address owner, address decorator) external view returns (bool) {
        return _decoratorsForAll[owner][decorator];
    }

    /// @inheritdoc IUnitRegistry
    function privacyOf(uint256 unitId) external view returns (Privacy) {
        return _recordOf(unitId).privacy;
    }

    /// @inheritdoc IUnitRegistry
    function roomsOf(uint256 unitId) external view returns (uint8) {
        return _recordOf(unitId).rooms;
    }

    /// @inheritdoc IUnitRegistry
    function storagePaidUntil(uint256 unitId) external view returns (uint40) {
        return _recordOf(unitId).storagePaidUntil;
    }

    /// @inheritdoc IUnitRegistry
    function transferCount(uint256 unitId) external view returns (uint32) {
        // Stored in 24 bits: wraps after 16,777,216 moves of one unit.
        return _recordOf(unitId).transfers;
    }

    /// @inheritdoc IUnitRegistry
    function floorRange(uint256 floorId) external view returns (address owner, uint40 paidUntil, bool hasSingles) {
        FloorRecord memory floor = _floors[floorId];
        return (floor.owner, floor.storagePaidUntil, floor.hasSingles);
    }

    /// @inheritdoc IUnitRegistry
    function hasClaimedFree(address account) external view returns (bool) {
        return _accounts[account] & FREE_CLAIM_USED != 0;
    }

    /// @inheritdoc IUnitRegistry
    function district(uint8 districtId) external view returns (UnitType unitType, uint16 neighbourhoods) {
        if (districtId >= 1 && districtId <= UnitAddress.SEED_DISTRICTS) {
            return (_seedDistrictType(districtId), UnitAddress.NEIGHBOURHOODS_PER_DISTRICT);
        }
        DistrictRecord memory record = _districts[districtId];
        return (record.unitType, record.neighbourhoods);
    }

    /// @inheritdoc IUnitRegistry
    function landOffice(address office) external view returns (LandOffice memory) {
        return _offices[office];
    }

    /// @inheritdoc IUnitRegistry
    function rentalsOffice() external view returns (address) {
        return address(uint160(_rentals));
    }

    /// @notice ERC-165: ERC-721, ERC-4906 (`0x49064906`), ERC-4907 (`0xad092b5c`) and `IUnitRegistry`.
    function supportsInterface(bytes4 interfaceId) public view virtual override(ERC721, IERC165) returns (bool) {
        return
            interfaceId == type(IUnitRegistry).interfaceId ||
            interfaceId == bytes4(0x49064906) ||
            interfaceId == type(IERC4907).interfaceId ||
            super.supportsInterface(interfaceId);
    }

    // =========================================================================================
    // ERC-721 internals
    // =========================================================================================

    /// @dev The unit's own record when it has one, else its floor's range owner.
    function _ownerOf(uint256 unitId) internal view override returns (address owner) {
        owner = address(uint160(_units[unitId]));
        if (owner == address(0)) owner = _rangeOwnerOf(unitId);
    }

    function _increaseBalance(address account, uint128 value) internal override {
        _accounts[account] += value;
    }

    /// @dev Transfers only: units are minted by `mint`/`mintFloor`/`mintBuilding` and never burned.
    /// A unit leaving a range gets its own record, carrying the floor's storage. Works on the
    /// packed word directly (the hottest path of the registry).
    function _update(address to, uint256 unitId, address auth) internal override returns (address from) {
        if (to == address(0)) revert UnitBurnRefused(unitId);
        uint256 word = _units[unitId];
        if (address(uint160(word)) == address(0) || uint8(word >> FLAGS_SHIFT) & FLAG_RANGE != 0) {
            word = _leaveRange(unitId, word);
        }
        from = address(uint160(word));
        if (auth != address(0)) _checkAuthorized(from, auth, unitId);
        if (uint8(word >> FLAGS_SHIFT) & FLAG_APPROVED != 0) {
            super._approve(address(0), unitId, address(0), false);
            word &= ~(uint256(FLAG_APPROVED) << FLAGS_SHIFT);
        }
        uint24 transfers;
        unchecked {
            // A unit's owner holds it, so its balance is at least 1; no account holds 2^64 units.
            // The transfer count wraps after 2^24 moves of one unit.
            --_accounts[from];
            ++_accounts[to];
            transfers = uint24(word >> TRANSFERS_SHIFT) + 1;
        }
        _units[unitId] =
            (word & ~(OWNER_MASK | (TRANSFERS_MASK << TRANSFERS_SHIFT))) |
            uint256(uint160(to)) |
            (uint256(transfers) << TRANSFERS_SHIFT);
        emit Transfer(from, to, unitId);
    }

    /// @dev The record of a unit still held in its floor's range, as it leaves the range: the
    /// range's owner (when the unit has no record yet) and the later of its own and the range's
    /// storage, without `FLAG_RANGE`. Reverts when nobody owns the unit.
    function _leaveRange(uint256 unitId, uint256 word) private view returns (uint256) {
        if (UnitAddress.isExternal(unitId) || unitId & 0xffff >= UNITS_PER_FLOOR) {
            revert ERC721NonexistentToken(unitId);
        }
        FloorRecord memory floor = _floors[UnitAddress.floorOf(unitId)];
        uint40 paidUntil = floor.storagePaidUntil;
        if (address(uint160(word)) == address(0)) {
            if (floor.owner == address(0)) revert ERC721NonexistentToken(unitId);
            word = uint256(uint160(floor.owner));
        } else {
            uint40 own = uint40(word >> PAID_SHIFT);
            if (own > paidUntil) paidUntil = own;
        }
        return
            (word & ~((PAID_MASK << PAID_SHIFT) | (uint256(FLAG_RANGE) << FLAGS_SHIFT))) |
            (uint256(paidUntil) << PAID_SHIFT);
    }

    /// @dev Marks the unit's record when it gets an approval (creating the record of a unit still
    /// held in a range), so `_update` knows whether there is one to clear.
    function _approve(address to, uint256 unitId, address auth, bool emitEvent) internal override {
        super._approve(to, unitId, auth, emitEvent);
        UnitRecord memory unit = _recordOf(unitId);
        uint8 flags = to == address(0) ? unit.flags & ~FLAG_APPROVED : unit.flags | FLAG_APPROVED;
        if (flags != unit.flags || _units[unitId] == 0) {
            unit.flags = flags;
            _storeUnit(unitId, unit);
        }
    }

    // =========================================================================================
    // Private helpers
    // =========================================================================================

    /// @dev The unit's record, or one built from its floor's range (owner and storage) when it has
    /// none yet. Reverts when nobody owns the unit.
    function _recordOf(uint256 unitId) private view returns (UnitRecord memory unit) {
        unit = _loadUnit(unitId);
        if (unit.owner != address(0)) {
            if (unit.flags & FLAG_RANGE != 0) {
                uint40 rangePaidUntil = _floors[UnitAddress.floorOf(unitId)].storagePaidUntil;
                if (rangePaidUntil > unit.storagePaidUntil) unit.storagePaidUntil = rangePaidUntil;
            }
            return unit;
        }
        if (!UnitAddress.isExternal(unitId)) {
            FloorRecord memory floor = _floors[UnitAddress.floorOf(unitId)];
            if (floor.owner != address(0) && unitId & 0xffff < UNITS_PER_FLOOR) {
                unit.owner = floor.owner;
                unit.storagePaidUntil = floor.storagePaidUntil;
                unit.flags = FLAG_RANGE;
                return unit;
            }
        }
        revert ERC721NonexistentToken(unitId);
    }

    function _loadUnit(uint256 unitId) private view returns (UnitRecord memory unit) {
        uint256 word = _units[unitId];
        unit.owner = address(uint160(word));
        unit.storagePaidUntil = uint40(word >> PAID_SHIFT);
        unit.transfers = uint24(word >> TRANSFERS_SHIFT);
        unit.flags = uint8(word >> FLAGS_SHIFT);
        unit.rooms = uint8(word >> 232);
        unit.privacy = Privacy(uint8(word >> 240));
        unit.codec = uint8(word >> 248);
    }

    function _storeUnit(uint256 unitId, UnitRecord memory unit) private {
        _units[unitId] =
            uint256(uint160(unit.owner)) |
            (uint256(unit.storagePaidUntil) << PAID_SHIFT) |
            (uint256(unit.transfers) << TRANSFERS_SHIFT) |
            (uint256(unit.flags) << FLAGS_SHIFT) |
            (uint256(unit.rooms) << 232) |
            (uint256(uint8(unit.privacy)) << 240) |
            (uint256(unit.codec) << 248);
    }

    function _rangeOwnerOf(uint256 unitId) private view returns (address) {
        if (UnitAddress.isExternal(unitId) || unitId & 0xffff >= UNITS_PER_FLOOR) return address(0);
        return _floors[UnitAddress.floorOf(unitId)].owner;
    }

    function _mintRange(address to, uint256 floorId, uint40 storagePaidUntil_) private {
        FloorRecord storage floor = _floors[floorId];
        if (floor.owner != address(0) || floor.hasSingles) revert FloorNotFree(floorId);
        floor.owner = to;
        floor.storagePaidUntil = storagePaidUntil_;
        emit ConsecutiveTransfer(floorId, floorId + UNITS_PER_FLOOR - 1, address(0), to);
        emit FloorStorageExtended(floorId, storagePaidUntil_);
    }

    function _requireFloorId(uint256 floorId) private pure {
        if (floorId & 0xffff != 0 || UnitAddress.isExternal(floorId)) revert UnitNotInterior(floorId);
    }

    /// @dev The type of an id of an open district, reverting for malformed ids and closed districts.
    function _openTypeOf(uint256 unitId) private view returns (UnitType unitType) {
        if (!UnitAddress.isValidId(unitId)) revert UnitAddress.UnitIdInvalid(unitId);
        uint8 districtId = UnitAddress.districtOf(unitId);
        if (districtId <= UnitAddress.SEED_DISTRICTS) {
            unitType = _seedDistrictType(districtId);
        } else {
            DistrictRecord memory record = _districts[districtId];
            if (UnitAddress.neighbourhoodOf(unitId) >= record.neighbourhoods) revert UnitNotOpen(unitId);
            unitType = record.unitType;
        }
        if (UnitAddress.isExternal(unitId)) unitType = UnitType.External;
    }

    /// @dev Whether units of `unitType` may be held as a floor's range. Residential floors are not
    /// sold whole (so nobody can buy up the homes meant to be claimed one per person), and that is
    /// what lets a Residential mint skip the floor's record. External surfaces have no floors.
    function _isRangeable(UnitType unitType) private pure returns (bool) {
        return unitType != UnitType.Residential && unitType != UnitType.External;
    }

    function _seedDistrictType(uint8 districtId) private pure returns (UnitType) {
        if (districtId == UnitAddress.RESIDENTIAL) return UnitType.Residential;
        if (districtId == UnitAddress.COMMUNITY) return UnitType.Community;
        return UnitType.Commercial; // Business and Shopping
    }

    function _spendAllowance(uint256 count) private {
        LandOffice memory office = _offices[msg.sender];
        if (!office.active) revert LandOfficeUnauthorized(msg.sender);
        if (office.allowance == UNLIMITED) return;
        if (count > office.allowance) revert LandOfficeAllowanceExceeded(msg.sender, count, office.allowance);
        unchecked {
            office.allowance -= uint64(count);
        }
        _offices[msg.sender] = office;
    }

    /// @dev Reverts unless the caller is the rentals office; returns the `_rentals` word.
    function _requireRentalsOffice() private view returns (uint256 rentals) {
        rentals = _rentals;
        if (msg.sender != address(uint160(rentals))) revert RentalsOfficeUnauthorized(msg.sender);
    }

    /// @dev `unitType`'s rights in the `_rentals` word.
    function _rightsIn(uint256 rentals, UnitType unitType) private pure returns (uint256) {
        return (rentals >> (RIGHTS_SHIFT + 16 * uint256(unitType))) & RIGHTS_MASK;
    }

    /// @dev Copies `rights` as `unitType`'s. The store bounds rights by `LandRights.ALL`, far
    /// below 16 bits; a wider value would be a mistake in the store's bounds, refused, not cut.
    function _copyRights(UnitType unitType, uint256 rights) private {
        if (rights > RIGHTS_MASK) revert UnitTypeRightsInvalid(unitType, rights);
        uint256 shift = RIGHTS_SHIFT + 16 * uint256(unitType);
        _rentals = (_rentals & ~(RIGHTS_MASK << shift)) | (rights << shift);
        emit UnitTypeRightsSet(unitType, rights);
    }

    function _requireActiveOffice() private view {
        if (!_offices[msg.sender].active) revert LandOfficeUnauthorized(msg.sender);
    }

    function _setLandOffice(address office, bool active, uint64 allowance) private {
        if (office == address(0)) revert ZeroAddress();
        _offices[office] = LandOffice({active: active, allowance: allowance});
        emit LandOfficeSet(office, active, allowance);
    }

    function _requireOwner(uint256 unitId) private view returns (address owner) {
        owner = _requireOwned(unitId);
        if (owner != msg.sender) revert UnitNotOwner(unitId, msg.sender);
    }

    /// @dev Who may change a unit's scene: its owner, the decorator the owner appointed for it, or
    /// one the owner appointed for all its units. Transfer approval is deliberately not enough, so
    /// a marketplace holding `setApprovalForAll` cannot rewrite scenes. Decorators are keyed by the
    /// owner who appointed them, so they lapse when the unit changes hands. This is the owner's
    /// side; a tenant allowed to decorate sets a scene of its own (`_setUserContent`), which the
    /// owner's side cannot override while the lease runs.
    function _canDecorate(address owner, address account, uint256 unitId) internal view virtual returns (bool) {
        return account == owner || _decorators[owner][unitId] == account || _decoratorsForAll[owner][account];
    }

    function _codecIndex(uint64 codec) private pure returns (uint8) {
        if (codec == CODEC_RAW) return 0;
        if (codec == CODEC_DAG_PB) return 1;
        if (codec == CODEC_DAG_CBOR) return 2;
        if (codec == CODEC_DAG_JSON) return 3;
        revert UnitContentCodecUnsupported(codec);
    }

    function _codecOf(uint8 index) private pure returns (uint64) {
        if (index == 1) return CODEC_DAG_PB;
        if (index == 2) return CODEC_DAG_CBOR;
        if (index == 3) return CODEC_DAG_JSON;
        return CODEC_RAW;
    }
}
