// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {LandFixture} from "./LandFixture.sol";
import {IUnitExchange} from "../../interfaces/IUnitExchange.sol";
import {UnitExchange} from "../../market/UnitExchange.sol";

/// @title ExchangeFixture
/// @notice The land fixture plus the exchange as deployed: the `exchange.*` parameters at their
/// genesis values (`contracts/governance/parameters.ts`), `UnitExchange` under the land's access
/// manager paying fees to the treasury, and `alice` holding two Commercial units (`OFFICE`,
/// `OFFICE_NEXT_DOOR`) with the exchange approved as her operator. Helpers build listings and
/// offers as they stand now, sign them as a named account, and sign MRK permits for the exchange.
abstract contract ExchangeFixture is LandFixture {
    uint256 internal constant PLATFORM_FEE_BPS = 250;
    uint256 internal constant AGENCY_FEE_CAP_BPS = 500;
    uint256 internal constant PLATFORM_FEE_MAX_BPS = 1_000;
    uint256 internal constant AGENCY_FEE_CAP_MAX_BPS = 2_000;
    uint256 internal constant PRICE = 5_000 * MRK;

    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    UnitExchange internal exchange;
    address internal agency;

    function setUp() public virtual override {
        super.setUp();
        agency = makeAddr("agency");
        vm.startPrank(governance);
        params.defineParameter("exchange.platformFeeBps", 0, PLATFORM_FEE_MAX_BPS, PLATFORM_FEE_BPS);
        params.defineParameter("exchange.agencyFeeCapBps", 0, AGENCY_FEE_CAP_MAX_BPS, AGENCY_FEE_CAP_BPS);
        vm.stopPrank();
        exchange = new UnitExchange(address(manager), registry, IERC20(address(mrk)), params, treasury);
        _buy(alice, OFFICE, 0, 0);
        _buy(alice, OFFICE_NEXT_DOOR, 0, 0);
        _approveExchange(alice);
    }

    // --- Approvals ------------------------------------------------------------------------------

    /// @dev `owner` lets the exchange move its units.
    function _approveExchange(address owner) internal {
        vm.prank(owner);
        registry.setApprovalForAll(address(exchange), true);
    }

    /// @dev `buyer` lets the exchange take its MRK (no permit needed).
    function _allowMrk(address buyer) internal {
        _approveMrk(buyer, address(exchange), type(uint256).max);
    }

    // --- Orders ---------------------------------------------------------------------------------

    /// @dev A listing of `unitId` by `seller` at `price`, for anyone, no agency, a week long, as
    /// the unit and the seller's counter stand now.
    function _listing(
        address seller,
        uint256 unitId,
        uint256 price
    ) internal view returns (IUnitExchange.Listing memory) {
        return
            IUnitExchange.Listing({
                seller: seller,
                unitId: unitId,
                nonce: registry.transferCount(unitId),
                bundle: bytes32(0),
                price: price,
                buyer: address(0),
                agency: address(0),
                agencyFeeBps: 0,
                deadline: uint64(block.timestamp + 7 days),
                counter: exchange.counterOf(seller),
                salt: 0
            });
    }

    /// @dev A bundle listing of `unitIds` as they stand now.
    function _bundleListing(
        address seller,
        uint256[] memory unitIds,
        uint256 price
    ) internal view returns (IUnitExchange.Listing memory listing) {
        listing = _listing(seller, unitIds[0], price);
        listing.unitId = 0;
        listing.nonce = 0;
        listing.bundle = exchange.bundleFingerprint(unitIds);
    }

    /// @dev `buyer`'s offer of `price` for `unitId` as it stands now.
    function _unitOffer(address buyer, uint256 unitId, uint256 price) internal view returns (IUnitExchange.Offer memory) {
        return
            IUnitExchange.Offer({
                buyer: buyer,
                scope: IUnitExchange.OfferScope.Unit,
                target: unitId,
                nonce: registry.transferCount(unitId),
                price: price,
                agency: address(0),
                agencyFeeBps: 0,
                deadline: uint64(block.timestamp + 7 days),
                counter: exchange.counterOf(buyer),
                salt: 0
            });
    }

    /// @dev `buyer`'s offer of `price` for any unit of `buildingId`.
    function _buildingOffer(
        address buyer,
        uint256 buildingId,
        uint256 price
    ) internal view returns (IUnitExchange.Offer memory offer) {
        offer = _unitOffer(buyer, OFFICE, price);
        offer.scope = IUnitExchange.OfferScope.Building;
        offer.target = buildingId;
        offer.nonce = exchange.assetNonceOf(buyer, buildingId | exchange.BUILDING_ASSET());
    }

    function _units(uint256 a, uint256 b) internal pure returns (uint256[] memory unitIds) {
        unitIds = new uint256[](2);
        unitIds[0] = a;
        unitIds[1] = b;
    }

    // --- Signatures -----------------------------------------------------------------------------

    /// @dev A 65-byte signature of `digest` by the account named `name`.
    function _sign(string memory name, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(keyOf(name), digest);
        return abi.encodePacked(r, s, v);
    }

    function _signListing(string memory name, IUnitExchange.Listing memory listing) internal view returns (bytes memory) {
        return _sign(name, exchange.hashListing(listing));
    }

    function _signOffer(string memory name, IUnitExchange.Offer memory offer) internal view returns (bytes memory) {
        return _sign(name, exchange.hashOffer(offer));
    }

    /// @dev The EIP-712 digest of `listing` for an exchange at `verifyingContract` on `chainId`,
    /// built here from the type string, independently of the contract's own hashing.
    function _listingDigest(
        IUnitExchange.Listing memory listing,
        uint256 chainId,
        address verifyingContract
    ) internal pure returns (bytes32) {
        bytes32 typeHash = keccak256(
            "Listing(address seller,uint256 unitId,uint32 nonce,bytes32 bundle,uint256 price,address buyer,address agency,uint16 agencyFeeBps,uint64 deadline,uint64 counter,uint256 salt)"
        );
        bytes32 domain = keccak256(
            abi.encode(
                DOMAIN_TYPEHASH,
                keccak256("Markspace Exchange"),
                keccak256("1"),
                chainId,
                verifyingContract
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domain, keccak256(abi.encode(typeHash, listing))));
    }

    // --- Payments -------------------------------------------------------------------------------

    function _noExchangePermit() internal pure returns (IUnitExchange.Permit memory) {
        return IUnitExchange.Permit({value: 0, deadline: 0, v: 0, r: bytes32(0), s: bytes32(0)});
    }

    /// @dev An EIP-2612 permit for the exchange signed by the account named `ownerName`.
    function _exchangePermit(
        string memory ownerName,
        uint256 value
    ) internal view returns (IUnitExchange.Permit memory) {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ownerName, address(exchange), value, deadline);
        return IUnitExchange.Permit({value: value, deadline: deadline, v: v, r: r, s: s});
    }

    /// @dev `buyer` buys `listing` through its allowance.
    function _buyListing(address buyer, IUnitExchange.Listing memory listing, bytes memory signature) internal {
        vm.prank(buyer);
        exchange.buy(listing, signature, _noExchangePermit());
    }

    /// @dev The platform and agency fees of a sale at `price` under the current parameters.
    function _fees(uint256 price, uint16 agencyFeeBps) internal view returns (uint256 platformFee, uint256 agencyFee) {
        platformFee = (price * params.get(keccak256("exchange.platformFeeBps"))) / 10_000;
        agencyFee = (price * agencyFeeBps) / 10_000;
    }
}
