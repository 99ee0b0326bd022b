// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IUnitExchange} from "../interfaces/IUnitExchange.sol";
import {IUnitRegistry} from "../interfaces/IUnitRegistry.sol";
import {IMarkParameters} from "../interfaces/IMarkParameters.sol";
import {LandRights} from "../land/LandRights.sol";
import {UnitAddress} from "../libraries/UnitAddress.sol";
import {MrkPermit} from "../libraries/MrkPermit.sol";

/// @title UnitExchange
/// @notice The real-estate exchange (see `IUnitExchange`): signed or on-chain fixed-price
/// listings of units and bundles, signed offers for a unit or any unit of a building, paid in MRK
/// with the platform fee to the treasury and an optional agency fee, all in one transaction.
/// @dev Replay without a filled flag. A single-unit order names the unit's `transferCount`; the
/// sale moves the unit, which raises the count, so the order can never match again, even if the
/// unit comes back to its seller. Bundles do the same through a fingerprint of every unit's id
/// and count. Only building offers (which may match any unit) store a filled mark.
///
/// Payment. MRK goes from the buyer straight to the treasury, the agency and the seller
/// (`transferFrom`, never through this contract), and the units from the seller straight to the
/// buyer, last (their `onERC721Received` hook runs after every payment and check). Assumptions on
/// the token: `mrk` is `MarkToken`, fixed at deployment — an ERC-20 that moves exactly the amount
/// asked (no fee on transfer, no rebasing) and calls nobody back. A fee-on-transfer token would
/// short the recipients, never this contract, which holds nothing; a token calling back could only
/// re-enter functions guarded by `nonReentrant`. Anything sent here by mistake (MRK with a plain
/// `transfer`, a unit with a plain `transferFrom`; a safe transfer of a unit is refused) is sent on
/// by governance with `recover` / `recoverUnit`.
///
/// Fees are read at the sale: `exchange.platformFeeBps` (bounded by its parameter's maximum, so a
/// seller's worst case is known when signing) and `exchange.agencyFeeCapBps`, the most an order
/// may give its agency. A change passes through a proposal and the treasury's timelock, days
/// before it applies.
///
/// Leases. A unit under an active lease is sold with the lease: the registry keeps the user role
/// across transfers, and nothing here clears it.
contract UnitExchange is IUnitExchange, EIP712, AccessManaged, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    bytes32 public constant PLATFORM_FEE_BPS = keccak256("exchange.platformFeeBps");
    bytes32 public constant AGENCY_FEE_CAP_BPS = keccak256("exchange.agencyFeeCapBps");

    bytes32 public constant LISTING_TYPEHASH =
        keccak256(
            "Listing(address seller,uint256 unitId,uint32 nonce,bytes32 bundle,uint256 price,address buyer,address agency,uint16 agencyFeeBps,uint64 deadline,uint64 counter,uint256 salt)"
        );
    bytes32 public constant OFFER_TYPEHASH =
        keccak256(
            "Offer(address buyer,uint8 scope,uint256 target,uint32 nonce,uint256 price,address agency,uint16 agencyFeeBps,uint64 deadline,uint64 counter,uint256 salt)"
        );

    /// @notice The bit that turns a building id into the asset key of its building offers (unit
    /// ids use the low 64 bits, so a unit's key and a building's never meet).
    uint256 public constant BUILDING_ASSET = 1 << 255;

    uint8 private constant STATUS_NONE = 0;
    uint8 private constant STATUS_LISTED = 1;
    uint8 private constant STATUS_CLOSED = 2;
    uint256 private constant BPS = 10_000;

    IUnitRegistry public immutable registry;
    IERC20 public immutable mrk;
    IMarkParameters public immutable parameters;
    /// @notice Receives the platform fee of every sale.
    address public immutable treasury;

    mapping(bytes32 orderHash => uint8) private _status;
    mapping(address signer => uint64) private _counters;
    mapping(address signer => mapping(uint256 asset => uint32)) private _assetNonces;

    /// @dev Who pays whom in one sale.
    struct Sale {
        bytes32 orderHash;
        address seller;
        address buyer;
        uint256 price;
        address agency;
        uint16 agencyFeeBps;
    }

    /// @param authority The `AccessManager` whose admin (governance) may `recover` what was sent here by mistake.
    /// @param registry_ The unit registry.
    /// @param mrk_ MRK (see the contract's note on the token).
    /// @param parameters_ Governance parameters holding the fees.
    /// @param treasury_ Receives the platform fee.
    constructor(
        address authority,
        IUnitRegistry registry_,
        IERC20 mrk_,
        IMarkParameters parameters_,
        address treasury_
    ) EIP712("Markspace Exchange", "1") AccessManaged(authority) {
        if (
            address(registry_) == address(0) ||
            address(mrk_) == address(0) ||
            address(parameters_) == address(0) ||
            treasury_ == address(0)
        ) revert ExchangeZeroAddress();
        registry = registry_;
        mrk = mrk_;
        parameters = parameters_;
        treasury = treasury_;
    }

    // =========================================================================================
    // Buying and selling
    // =========================================================================================

    /// @inheritdoc IUnitExchange
    function buy(Listing calldata listing, bytes calldata signature, Permit calldata permit) external nonReentrant {
        bytes32 orderHash = hashListing(listing);
        if (listing.bundle != bytes32(0)) revert OrderMalformed(orderHash);
        _checkListing(listing, orderHash, signature);
        _checkUnit(orderHash, listing.unitId, listing.nonce);
        (uint256 platformFee, uint256 agencyFee) = _pay(_saleOf(listing, orderHash), permit, true);
        registry.safeTransferFrom(listing.seller, msg.sender, listing.unitId);
        _emitFilled(listing, orderHash, platformFee, agencyFee);
    }

    /// @inheritdoc IUnitExchange
    function buyBundle(
        Listing calldata listing,
        bytes calldata signature,
        uint256[] calldata unitIds,
        Permit calldata permit
    ) external nonReentrant {
        bytes32 orderHash = hashListing(listing);
        if (listing.bundle == bytes32(0) || listing.unitId != 0 || listing.nonce != 0 || unitIds.length == 0) {
            revert OrderMalformed(orderHash);
        }
        _checkListing(listing, orderHash, signature);
        bytes32 current = _checkBundle(unitIds);
        if (current != listing.bundle) revert OrderBundleMismatch(orderHash, listing.bundle, current);
        (uint256 platformFee, uint256 agencyFee) = _pay(_saleOf(listing, orderHash), permit, true);
        // Bounded by the caller's own calldata.
        for (uint256 i; i < unitIds.length; ++i) {
            registry.safeTransferFrom(listing.seller, msg.sender, unitIds[i]);
        }
        _emitFilled(listing, orderHash, platformFee, agencyFee);
    }

    /// @inheritdoc IUnitExchange
    function acceptOffer(
        Offer calldata offer,
        bytes calldata signature,
        uint256 unitId,
        Permit calldata permit
    ) external nonReentrant {
        bytes32 orderHash = _checkOffer(offer, signature, unitId);
        (uint256 platformFee, uint256 agencyFee) = _pay(
            Sale({
                orderHash: orderHash,
                seller: msg.sender,
                buyer: offer.buyer,
                price: offer.price,
                agency: offer.agency,
                agencyFeeBps: offer.agencyFeeBps
            }),
            permit,
            false
        );
        registry.safeTransferFrom(msg.sender, offer.buyer, unitId);
        _emitAccepted(offer, orderHash, unitId, platformFee, agencyFee);
    }

    /// @inheritdoc IUnitExchange
    function list(Listing calldata listing, uint256[] calldata unitIds) external nonReentrant {
        bytes32 orderHash = hashListing(listing);
        if (msg.sender != listing.seller) revert OrderNotSigner(orderHash, msg.sender);
        if (listing.bundle == bytes32(0)) {
            if (unitIds.length != 0) revert OrderMalformed(orderHash);
            _checkUnit(orderHash, listing.unitId, listing.nonce);
        } else {
            if (listing.unitId != 0 || listing.nonce != 0 || unitIds.length == 0) revert OrderMalformed(orderHash);
            bytes32 current = _checkBundle(unitIds);
            if (current != listing.bundle) revert OrderBundleMismatch(orderHash, listing.bundle, current);
        }
        if (block.timestamp > listing.deadline) revert OrderExpired(orderHash, listing.deadline);
        _checkCounter(orderHash, listing.seller, listing.counter);
        _checkAgencyFee(orderHash, listing.agency, listing.agencyFeeBps);
        if (_status[orderHash] != STATUS_NONE) revert OrderCancelledOrFilled(orderHash);
        _status[orderHash] = STATUS_LISTED;
        emit ListingPosted(orderHash, listing.seller, listing, unitIds);
    }

    // =========================================================================================
    // Cancelling
    // =========================================================================================

    /// @inheritdoc IUnitExchange
    function cancelListing(Listing calldata listing) external {
        _cancel(hashListing(listing), listing.seller);
    }

    /// @inheritdoc IUnitExchange
    function cancelOffer(Offer calldata offer) external {
        _cancel(hashOffer(offer), offer.buyer);
    }

    /// @inheritdoc IUnitExchange
    function cancelAsset(uint256 asset) external nonReentrant {
        uint32 nonce;
        if (asset & BUILDING_ASSET != 0) {
            nonce = _assetNonces[msg.sender][asset] + 1;
            _assetNonces[msg.sender][asset] = nonce;
        } else if (registry.ownerOf(asset) == msg.sender) {
            // Listings name the unit's transfer count, so the owner's cancel is a move to itself:
            // it raises the count (and nothing is stored here, which keeps every fill a read cheaper).
            registry.transferFrom(msg.sender, msg.sender, asset);
            nonce = registry.transferCount(asset);
        } else {
            // Wraps with the registry's 24-bit count only after 2^24 moves of one unit.
            nonce = registry.transferCount(asset) + 1;
            _assetNonces[msg.sender][asset] = nonce;
        }
        emit AssetCancelled(msg.sender, asset, nonce);
    }

    /// @inheritdoc IUnitExchange
    function incrementCounter() external returns (uint64 counter) {
        counter = ++_counters[msg.sender];
        emit CounterIncremented(msg.sender, counter);
    }

    // =========================================================================================
    // Governance (through the AccessManager)
    // =========================================================================================

    /// @notice Sends `amount` of `token` that someone sent here by mistake to `to`. Sales never
    /// leave anything here, so this touches nobody's proceeds.
    function recover(IERC20 token, address to, uint256 amount) external restricted {
        token.safeTransfer(to, amount);
        emit Recovered(address(token), to, amount);
    }

    /// @notice Sends unit `unitId`, sent here with a plain `transferFrom` by mistake, to `to`.
    function recoverUnit(uint256 unitId, address to) external restricted {
        registry.transferFrom(address(this), to, unitId);
        emit Recovered(address(registry), to, unitId);
    }

    // =========================================================================================
    // Views
    // =========================================================================================

    /// @inheritdoc IUnitExchange
    function hashListing(Listing calldata listing) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(LISTING_TYPEHASH, listing)));
    }

    /// @inheritdoc IUnitExchange
    function hashOffer(Offer calldata offer) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(OFFER_TYPEHASH, offer)));
    }

    /// @inheritdoc IUnitExchange
    function bundleFingerprint(uint256[] calldata unitIds) external view returns (bytes32) {
        bytes memory pairs = new bytes(unitIds.length * 64);
        for (uint256 i; i < unitIds.length; ++i) {
            _writePair(pairs, i, unitIds[i], registry.transferCount(unitIds[i]));
        }
        return keccak256(pairs);
    }

    /// @inheritdoc IUnitExchange
    function counterOf(address signer) external view returns (uint64) {
        return _counters[signer];
    }

    /// @inheritdoc IUnitExchange
    function assetNonceOf(address signer, uint256 asset) external view returns (uint32) {
        return _assetNonces[signer][asset];
    }

    /// @inheritdoc IUnitExchange
    function orderStatus(bytes32 orderHash) external view returns (uint8) {
        return _status[orderHash];
    }

    /// @inheritdoc IUnitExchange
    function quoteSale(
        uint256 price,
        uint16 agencyFeeBps
    ) external view returns (uint256 platformFee, uint256 agencyFee, uint256 proceeds) {
        platformFee = (price * parameters.get(PLATFORM_FEE_BPS)) / BPS;
        agencyFee = (price * agencyFeeBps) / BPS;
        proceeds = price - platformFee - agencyFee;
    }

    // =========================================================================================
    // Private helpers
    // =========================================================================================

    /// @dev A listing's deadline, buyer, counter and standing: posted on chain, or signed by its
    /// seller (an account, or an ERC-1271 contract), and neither cancelled nor closed.
    function _checkListing(Listing calldata listing, bytes32 orderHash, bytes calldata signature) private view {
        if (block.timestamp > listing.deadline) revert OrderExpired(orderHash, listing.deadline);
        if (listing.buyer != address(0) && listing.buyer != msg.sender) {
            revert OrderBuyerNotAllowed(orderHash, msg.sender);
        }
        _checkCounter(orderHash, listing.seller, listing.counter);
        uint8 status = _status[orderHash];
        if (status == STATUS_CLOSED) revert OrderCancelledOrFilled(orderHash);
        if (status != STATUS_LISTED) {
            if (!SignatureChecker.isValidSignatureNowCalldata(listing.seller, orderHash, signature)) {
                revert OrderSignatureInvalid(orderHash, listing.seller);
            }
        }
    }

    function _checkCounter(bytes32 orderHash, address signer, uint64 counter) private view {
        uint64 current = _counters[signer];
        if (counter != current) revert OrderCounterStale(orderHash, counter, current);
    }

    /// @dev A unit named by an order with `nonce`: it has not moved since (its `transferCount`
    /// is `nonce`) and its type may be sold.
    function _checkUnit(bytes32 orderHash, uint256 unitId, uint32 nonce) private view {
        uint32 current = registry.transferCount(unitId);
        if (nonce != current) revert OrderUnitMoved(orderHash, unitId, nonce, current);
        _requireSellable(unitId);
    }

    /// @dev Checks every unit of a bundle (sellable) and returns the fingerprint of the units as they stand.
    function _checkBundle(uint256[] calldata unitIds) private view returns (bytes32) {
        bytes memory pairs = new bytes(unitIds.length * 64);
        // Bounded by the caller's own calldata.
        for (uint256 i; i < unitIds.length; ++i) {
            uint256 unitId = unitIds[i];
            _requireSellable(unitId);
            _writePair(pairs, i, unitId, registry.transferCount(unitId));
        }
        return keccak256(pairs);
    }

    /// @dev An offer's deadline, counter, standing and signature, and the caller's `unitId` against
    /// it: the unit itself, unmoved, or a unit of the building. Marks a building offer filled.
    function _checkOffer(
        Offer calldata offer,
        bytes calldata signature,
        uint256 unitId
    ) private returns (bytes32 orderHash) {
        orderHash = hashOffer(offer);
        if (block.timestamp > offer.deadline) revert OrderExpired(orderHash, offer.deadline);
        _checkCounter(orderHash, offer.buyer, offer.counter);
        if (_status[orderHash] != STATUS_NONE) revert OrderCancelledOrFilled(orderHash);
        if (!SignatureChecker.isValidSignatureNowCalldata(offer.buyer, orderHash, signature)) {
            revert OrderSignatureInvalid(orderHash, offer.buyer);
        }
        address owner = registry.ownerOf(unitId);
        if (owner != msg.sender) revert UnitNotOwnedBySeller(unitId, msg.sender, owner);
        if (offer.scope == OfferScope.Unit) {
            if (offer.target != unitId) revert UnitNotInBuilding(unitId, offer.target);
            _checkUnit(orderHash, unitId, offer.nonce);
            uint32 floor = _assetNonces[offer.buyer][unitId];
            if (offer.nonce < floor) revert OrderUnitMoved(orderHash, unitId, offer.nonce, floor);
        } else {
            if (UnitAddress.buildingOf(unitId) != offer.target) revert UnitNotInBuilding(unitId, offer.target);
            uint32 floor = _assetNonces[offer.buyer][offer.target | BUILDING_ASSET];
            if (offer.nonce < floor) revert OrderUnitMoved(orderHash, offer.target, offer.nonce, floor);
            _requireSellable(unitId);
            // A building offer matches any of its units, so it is marked filled.
            _status[orderHash] = STATUS_CLOSED;
        }
    }

    function _requireSellable(uint256 unitId) private view {
        (, uint256 rights) = registry.rightsOf(unitId);
        if (rights & LandRights.SELL == 0) revert UnitNotForSale(unitId);
    }

    /// @dev An agency fee names its agency and stays within `exchange.agencyFeeCapBps` as it is now.
    function _checkAgencyFee(bytes32 orderHash, address agency, uint16 agencyFeeBps) private view {
        if (agencyFeeBps == 0) return;
        uint256 cap = parameters.get(AGENCY_FEE_CAP_BPS);
        if (agency == address(0) || agencyFeeBps > cap) revert OrderAgencyFeeInvalid(orderHash, agencyFeeBps, cap);
    }

    function _saleOf(Listing calldata listing, bytes32 orderHash) private view returns (Sale memory) {
        return
            Sale({
                orderHash: orderHash,
                seller: listing.seller,
                buyer: msg.sender,
                price: listing.price,
                agency: listing.agency,
                agencyFeeBps: listing.agencyFeeBps
            });
    }

    /// @dev Takes `sale.price` from the buyer (its permit first, when given and the allowance is
    /// short) and pays the treasury, the agency and the seller directly. `buyerIsCaller` picks
    /// whose permit it is: the caller's (listings) or the offer's buyer's (offers).
    function _pay(
        Sale memory sale,
        Permit calldata permit,
        bool buyerIsCaller
    ) private returns (uint256 platformFee, uint256 agencyFee) {
        _checkAgencyFee(sale.orderHash, sale.agency, sale.agencyFeeBps);
        if (sale.price == 0) return (0, 0);
        if (buyerIsCaller) {
            MrkPermit.useIfShort(mrk, sale.price, permit.value, permit.deadline, permit.v, permit.r, permit.s);
        } else {
            MrkPermit.useIfShortFrom(
                mrk,
                sale.buyer,
                sale.price,
                permit.value,
                permit.deadline,
                permit.v,
                permit.r,
                permit.s
            );
        }
        // Both shares are bounded by their parameters' maxima (10 % and 20 %), so the seller's
        // proceeds never go below zero.
        platformFee = (sale.price * parameters.get(PLATFORM_FEE_BPS)) / BPS;
        agencyFee = (sale.price * sale.agencyFeeBps) / BPS;
        if (platformFee != 0) mrk.safeTransferFrom(sale.buyer, treasury, platformFee);
        if (agencyFee != 0) mrk.safeTransferFrom(sale.buyer, sale.agency, agencyFee);
        uint256 proceeds = sale.price - platformFee - agencyFee;
        if (proceeds != 0) mrk.safeTransferFrom(sale.buyer, sale.seller, proceeds);
    }

    function _emitFilled(Listing calldata listing, bytes32 orderHash, uint256 platformFee, uint256 agencyFee) private {
        emit ListingFilled(
            orderHash,
            listing.seller,
            msg.sender,
            listing.unitId,
            listing.price,
            platformFee,
            listing.agency,
            agencyFee
        );
    }

    function _cancel(bytes32 orderHash, address signer) private {
        if (msg.sender != signer) revert OrderNotSigner(orderHash, msg.sender);
        _status[orderHash] = STATUS_CLOSED;
        emit OrderCancelled(orderHash, signer);
    }

    function _emitAccepted(
        Offer calldata offer,
        bytes32 orderHash,
        uint256 unitId,
        uint256 platformFee,
        uint256 agencyFee
    ) private {
        emit OfferAccepted(
            orderHash,
            msg.sender,
            offer.buyer,
            unitId,
            offer.price,
            platformFee,
            offer.agency,
            agencyFee
        );
    }

    /// @dev Writes (unitId, count) as the `index`th pair of 32-byte words into `pairs`.
    function _writePair(bytes memory pairs, uint256 index, uint256 unitId, uint32 count) private pure {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let at := add(add(pairs, 0x20), mul(index, 0x40))
            mstore(at, unitId)
            mstore(add(at, 0x20), count)
        }
    }
}
