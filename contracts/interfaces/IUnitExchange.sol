// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IUnitExchange
/// @notice The real-estate exchange: fixed-price sales of a unit, or of a bundle of units, paid in
/// MRK. Sellers list with an EIP-712 signed `Listing` (no gas; ERC-1271 for contract accounts such
/// as DAO treasuries) or on chain (`list`); buyers offer MRK for a unit, or for any unit of a
/// building, with a signed `Offer` backed by an allowance or a permit, and the owner accepts in one
/// transaction. Every sale pays the platform fee (`exchange.platformFeeBps`) to the treasury and
/// the optional agency fee named in the order (at most `exchange.agencyFeeCapBps`) to the agency,
/// and the rest to the seller, straight from the buyer in the same transaction: the exchange never
/// holds MRK or units. Only units whose type has the `sell` right (`UnitRegistry.rightsOf`) trade.
///
/// What a signature covers: the EIP-712 domain (name "Markspace Exchange", version "1", the chain
/// id and this contract's address), and every field of the order. Orders die when:
///  - their `deadline` has passed;
///  - their signer's `counter` moved on (`incrementCounter`: everything the signer signed);
///  - their hash was cancelled (`cancel`) or, for building offers, filled;
///  - a unit they name changed hands: a single-unit order carries the unit's `transferCount`
///    (`nonce`), a bundle a fingerprint of each unit's id and `transferCount`, so a sale, a gift or
///    a move out of a floor's range kills the order for good, even if the unit comes back;
///  - their signer cancelled the asset (`cancelAsset`): an owner's cancel moves the unit to
///    itself, which raises its transfer count like any move (so it also ends the unit offers made
///    at that count); a bidder's cancel, or a building's, raises its own `assetNonceOf`.
interface IUnitExchange {
    /// @notice A seller's fixed-price order for one unit or a bundle.
    /// @param seller Owner of the units and signer (an account, or an ERC-1271 contract).
    /// @param unitId The unit on sale; 0 for a bundle.
    /// @param nonce Single unit: its `transferCount` when signed. Bundle: 0.
    /// @param bundle Bundle: `bundleFingerprint(unitIds)` when signed. Single unit: 0.
    /// @param price MRK wei the buyer pays in all (fees come out of it).
    /// @param buyer The only account that may buy; 0 for anyone.
    /// @param agency The broker paid `agencyFeeBps` of the price; 0 for none.
    /// @param agencyFeeBps The agency's share in basis points (at most `exchange.agencyFeeCapBps`).
    /// @param deadline Unix seconds after which the order is void.
    /// @param counter The seller's `counterOf` when signed.
    /// @param salt Any number: tells apart orders that are otherwise the same.
    struct Listing {
        address seller;
        uint256 unitId;
        uint32 nonce;
        bytes32 bundle;
        uint256 price;
        address buyer;
        address agency;
        uint16 agencyFeeBps;
        uint64 deadline;
        uint64 counter;
        uint256 salt;
    }

    /// @notice What an offer is for.
    enum OfferScope {
        /// The unit `target`, while it has not changed hands since the offer (`nonce` is its
        /// `transferCount`).
        Unit,
        /// Any one unit of building `target` (a unit id with the floor and unit fields 0), once.
        Building
    }

    /// @notice A buyer's offer of MRK for a unit, or for any unit of a building.
    /// @param buyer Who pays (allowance or permit to the exchange) and receives the unit.
    /// @param scope `Unit` or `Building`.
    /// @param target The unit id, or the building id.
    /// @param nonce Unit: its `transferCount` when signed. Building: at least the buyer's
    /// `assetNonceOf(buyer, target | BUILDING_ASSET)` (raised by `cancelAsset`).
    /// @param price MRK wei the buyer pays in all (fees come out of it).
    /// @param agency, agencyFeeBps, deadline, counter, salt As in `Listing`.
    struct Offer {
        address buyer;
        OfferScope scope;
        uint256 target;
        uint32 nonce;
        uint256 price;
        address agency;
        uint16 agencyFeeBps;
        uint64 deadline;
        uint64 counter;
        uint256 salt;
    }

    /// @notice An EIP-2612 permit for the buyer's payment, used when the allowance is short
    /// (`deadline` 0 for none).
    struct Permit {
        uint256 value;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /// @notice Emitted when a listing is posted on chain; it is then valid without a signature.
    /// `unitIds` is empty for a single unit.
    event ListingPosted(bytes32 indexed orderHash, address indexed seller, Listing listing, uint256[] unitIds);

    /// @notice Emitted when a listing is bought: `unitId` is the unit, or 0 for a bundle (whose
    /// units are the ERC-721 `Transfer`s of the same transaction; their fingerprint is in the
    /// signed listing). The MRK `Transfer`s of the payments come with it.
    event ListingFilled(
        bytes32 indexed orderHash,
        address indexed seller,
        address indexed buyer,
        uint256 unitId,
        uint256 price,
        uint256 platformFee,
        address agency,
        uint256 agencyFee
    );

    /// @notice Emitted when an owner accepts an offer and sells it `unitId`.
    event OfferAccepted(
        bytes32 indexed orderHash,
        address indexed seller,
        address indexed buyer,
        uint256 unitId,
        uint256 price,
        uint256 platformFee,
        address agency,
        uint256 agencyFee
    );

    /// @notice Emitted when `signer` cancels one order (listing or offer) by its hash.
    event OrderCancelled(bytes32 indexed orderHash, address indexed signer);

    /// @notice Emitted when `signer` cancels every order it signed for `asset` (a unit id, or a
    /// building id with the `BUILDING_ASSET` bit for building offers) with a `nonce` below `nonce`
    /// (for an owner's unit, `nonce` is the unit's new transfer count).
    event AssetCancelled(address indexed signer, uint256 indexed asset, uint32 nonce);

    /// @notice Emitted when `signer` voids everything it signed before: its counter is now `counter`.
    event CounterIncremented(address indexed signer, uint64 counter);

    /// @notice Emitted when governance sends MRK or a unit that someone sent here by mistake
    /// (never the proceeds of a sale: those never pass through) to `to`.
    event Recovered(address indexed token, address indexed to, uint256 amountOrUnitId);

    /// @notice The order's deadline has passed.
    error OrderExpired(bytes32 orderHash, uint64 deadline);
    /// @notice The order was cancelled, or (a building offer) filled already.
    error OrderCancelledOrFilled(bytes32 orderHash);
    /// @notice The signer's counter moved on since the order was signed.
    error OrderCounterStale(bytes32 orderHash, uint64 counter, uint64 current);
    /// @notice The signature is not the signer's (nor an ERC-1271 approval), and the order was
    /// not posted on chain.
    error OrderSignatureInvalid(bytes32 orderHash, address signer);
    /// @notice The unit changed hands (or its owner cancelled it) since the order was signed
    /// (`nonce` is not its `transferCount`), or the bidder cancelled its offers for it.
    error OrderUnitMoved(bytes32 orderHash, uint256 unitId, uint32 nonce, uint32 current);
    /// @notice A bundle's units, with their current transfer counts, are not the ones signed.
    error OrderBundleMismatch(bytes32 orderHash, bytes32 signed, bytes32 current);
    /// @notice The order is restricted to another buyer.
    error OrderBuyerNotAllowed(bytes32 orderHash, address buyer);
    /// @notice The caller is not the one who signed the order (`list`, `cancel`).
    error OrderNotSigner(bytes32 orderHash, address caller);
    /// @notice The order's shape is wrong: a single-unit listing with a bundle, a bundle with a
    /// unit id or nonce, or an empty bundle.
    error OrderMalformed(bytes32 orderHash);
    /// @notice The order's agency fee is above `exchange.agencyFeeCapBps`, or names no agency.
    error OrderAgencyFeeInvalid(bytes32 orderHash, uint16 agencyFeeBps, uint256 cap);
    /// @notice The unit's type may not be sold (no `sell` right in `land.rights.<type>`).
    error UnitNotForSale(uint256 unitId);
    /// @notice The unit is not in the building a building offer names.
    error UnitNotInBuilding(uint256 unitId, uint256 buildingId);
    /// @notice The caller does not own the unit it tries to sell to an offer.
    error UnitNotOwnedBySeller(uint256 unitId, address caller, address owner);
    /// @notice A constructor argument was the zero address.
    error ExchangeZeroAddress();

    // --- Buying and selling ----------------------------------------------------------------

    /// @notice Buys the single unit of `listing` for the caller, paying `listing.price` in MRK
    /// (allowance, or `permit` when the allowance is short). `signature` may be empty for a listing
    /// posted on chain.
    function buy(Listing calldata listing, bytes calldata signature, Permit calldata permit) external;

    /// @notice Buys the bundle of `listing`: `unitIds` are its units in the signed order.
    function buyBundle(
        Listing calldata listing,
        bytes calldata signature,
        uint256[] calldata unitIds,
        Permit calldata permit
    ) external;

    /// @notice Sells the caller's `unitId` to `offer`'s buyer, who pays through its allowance or
    /// `permit` (signed by the buyer for this contract). The caller must own the unit and have
    /// approved the exchange.
    function acceptOffer(
        Offer calldata offer,
        bytes calldata signature,
        uint256 unitId,
        Permit calldata permit
    ) external;

    /// @notice Posts `listing` on chain, so it is valid without a signature; seller only.
    /// `unitIds` are the bundle's units (empty for a single unit), checked against its fingerprint.
    function list(Listing calldata listing, uint256[] calldata unitIds) external;

    // --- Cancelling --------------------------------------------------------------------------

    /// @notice Cancels one listing; its seller only.
    function cancelListing(Listing calldata listing) external;

    /// @notice Cancels one offer; its buyer only.
    function cancelOffer(Offer calldata offer) external;

    /// @notice Cancels every order the caller signed for `asset` as it stands. A unit's owner:
    /// the exchange (its operator) moves the unit to the owner, which raises its `transferCount`
    /// and so ends every listing of it (and every offer for it) signed before; new listings name
    /// the new count. Anyone else: its unit offers at the current count (`assetNonceOf` becomes the
    /// count + 1). `buildingId | BUILDING_ASSET`: the caller's building offers with a lower nonce.
    function cancelAsset(uint256 asset) external;

    /// @notice Voids everything the caller signed so far.
    function incrementCounter() external returns (uint64 counter);

    // --- Views ----------------------------------------------------------------------------------

    /// @notice The EIP-712 hash a seller signs for `listing`.
    function hashListing(Listing calldata listing) external view returns (bytes32);

    /// @notice The EIP-712 hash a buyer signs for `offer`.
    function hashOffer(Offer calldata offer) external view returns (bytes32);

    /// @notice The fingerprint of a bundle of `unitIds` as they stand now:
    /// `keccak256` over (unit id, `transferCount`) pairs, each as two 32-byte words, in order.
    function bundleFingerprint(uint256[] calldata unitIds) external view returns (bytes32);

    /// @notice The counter orders of `signer` must carry.
    function counterOf(address signer) external view returns (uint64);

    /// @notice The lowest `nonce` of `signer`'s orders for `asset` that is not cancelled.
    function assetNonceOf(address signer, uint256 asset) external view returns (uint32);

    /// @notice 0 nothing recorded, 1 posted on chain, 2 cancelled or filled.
    function orderStatus(bytes32 orderHash) external view returns (uint8);

    /// @notice What a sale at `price` with `agencyFeeBps` pays now: platform fee, agency fee and
    /// the seller's proceeds.
    function quoteSale(
        uint256 price,
        uint16 agencyFeeBps
    ) external view returns (uint256 platformFee, uint256 agencyFee, uint256 proceeds);
}
