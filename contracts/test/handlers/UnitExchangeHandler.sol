// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "../utils/Test.sol";
import {IUnitExchange} from "../../interfaces/IUnitExchange.sol";
import {UnitExchange} from "../../market/UnitExchange.sol";
import {UnitRegistry} from "../../land/UnitRegistry.sol";

/// @title UnitExchangeHandler
/// @notice Test-only: the actions the invariant fuzzer strings together against the exchange —
/// signed listings bought, on-chain listings bought, bundles bought, offers accepted, units given
/// away directly, listings cancelled, and every stale order (filled, moved, cancelled) replayed —
/// by three traders over four Commercial units. Each action predicts its outcome and fails the
/// campaign when the exchange disagrees; a ghost ledger keeps what buyers paid and what sellers,
/// the treasury and the agency received, and who owns each unit.
contract UnitExchangeHandler is Test {
    UnitExchange public immutable exchange;
    UnitRegistry public immutable registry;
    IERC20 public immutable mrk;
    address public immutable treasury;
    address public immutable agency;

    address[] public traders;
    uint256[] public units;
    mapping(uint256 unitId => address) public ghostOwner;

    /// @notice MRK that left buyers, and what reached sellers, the treasury and the agency.
    uint256 public paidByBuyers;
    uint256 public receivedBySellers;
    uint256 public receivedByTreasury;
    uint256 public receivedByAgency;
    /// @notice Stale orders tried, and how many of them the exchange wrongly accepted.
    uint256 public replaysTried;
    uint256 public replaysAccepted;

    /// @dev Dead orders kept for replay: listings with their signatures.
    IUnitExchange.Listing[] private _dead;
    bytes[] private _deadSignatures;

    constructor(UnitExchange exchange_, UnitRegistry registry_, IERC20 mrk_, address treasury_, address agency_) {
        exchange = exchange_;
        registry = registry_;
        mrk = mrk_;
        treasury = treasury_;
        agency = agency_;
        for (uint256 i; i < 3; ++i) traders.push(makeAddr(_name(i)));
    }

    /// @notice Records the units the traders hold and lets the exchange move their units and MRK.
    function setUp(uint256[] calldata unitIds) external {
        for (uint256 i; i < unitIds.length; ++i) {
            units.push(unitIds[i]);
            ghostOwner[unitIds[i]] = registry.ownerOf(unitIds[i]);
        }
        for (uint256 i; i < traders.length; ++i) {
            vm.startPrank(traders[i]);
            registry.setApprovalForAll(address(exchange), true);
            mrk.approve(address(exchange), type(uint256).max);
            vm.stopPrank();
        }
    }

    function traderCount() external view returns (uint256) {
        return traders.length;
    }

    function unitCount() external view returns (uint256) {
        return units.length;
    }

    // --- Actions ---------------------------------------------------------------------------------

    /// @notice The unit's owner signs a listing (agency fee sometimes); another trader buys it.
    function buySigned(uint256 unitSeed, uint256 buyerSeed, uint256 price, uint16 agencyBps) external {
        uint256 unitId = units[unitSeed % units.length];
        address seller = ghostOwner[unitId];
        address buyer = _other(seller, buyerSeed);
        IUnitExchange.Listing memory listing = _listing(seller, unitId, bound(price, 0, 1_000 ether), agencyBps);
        bytes memory signature = _sign(seller, exchange.hashListing(listing));
        _fill(listing, signature, buyer, _one(unitId));
        _keep(listing, signature);
    }

    /// @notice The owner posts a listing on chain; another trader buys it without a signature.
    function buyPosted(uint256 unitSeed, uint256 buyerSeed, uint256 price) external {
        uint256 unitId = units[unitSeed % units.length];
        address seller = ghostOwner[unitId];
        address buyer = _other(seller, buyerSeed);
        IUnitExchange.Listing memory listing = _listing(seller, unitId, bound(price, 0, 1_000 ether), 0);
        vm.prank(seller);
        exchange.list(listing, new uint256[](0));
        _fill(listing, "", buyer, _one(unitId));
        _keep(listing, "");
    }

    /// @notice The owner of two units sells them as one bundle, when one trader holds two.
    function buyBundle(uint256 sellerSeed, uint256 buyerSeed, uint256 price) external {
        address seller = traders[sellerSeed % traders.length];
        uint256[] memory held = new uint256[](2);
        uint256 count;
        for (uint256 i; i < units.length && count < 2; ++i) {
            if (ghostOwner[units[i]] == seller) held[count++] = units[i];
        }
        if (count < 2) return;
        address buyer = _other(seller, buyerSeed);
        IUnitExchange.Listing memory listing = _listing(seller, held[0], bound(price, 0, 1_000 ether), 0);
        listing.unitId = 0;
        listing.nonce = 0;
        listing.bundle = exchange.bundleFingerprint(held);
        bytes memory signature = _sign(seller, exchange.hashListing(listing));
        _fill(listing, signature, buyer, held);
    }

    /// @notice Another trader offers for a unit; its owner accepts.
    function acceptOffer(uint256 unitSeed, uint256 buyerSeed, uint256 price) external {
        uint256 unitId = units[unitSeed % units.length];
        address seller = ghostOwner[unitId];
        address buyer = _other(seller, buyerSeed);
        IUnitExchange.Offer memory offer = IUnitExchange.Offer({
            buyer: buyer,
            scope: IUnitExchange.OfferScope.Unit,
            target: unitId,
            nonce: registry.transferCount(unitId),
            price: bound(price, 0, 1_000 ether),
            agency: address(0),
            agencyFeeBps: 0,
            deadline: uint64(block.timestamp + 1 days),
            counter: exchange.counterOf(buyer),
            salt: 0
        });
        bytes memory signature = _sign(buyer, exchange.hashOffer(offer));
        Balances memory before = _balances(seller, buyer);
        vm.prank(seller);
        exchange.acceptOffer(offer, signature, unitId, _noPermit());
        _account(before, seller, buyer, offer.price);
        ghostOwner[unitId] = buyer;
    }

    /// @notice The owner gives a unit away outside the exchange (its listings die).
    function give(uint256 unitSeed, uint256 toSeed) external {
        uint256 unitId = units[unitSeed % units.length];
        address from = ghostOwner[unitId];
        address to = _other(from, toSeed);
        vm.prank(from);
        registry.transferFrom(from, to, unitId);
        ghostOwner[unitId] = to;
    }

    /// @notice The owner signs a listing and cancels it (by hash, by asset, or by counter).
    function cancel(uint256 unitSeed, uint8 how) external {
        uint256 unitId = units[unitSeed % units.length];
        address seller = ghostOwner[unitId];
        IUnitExchange.Listing memory listing = _listing(seller, unitId, 1 ether, 0);
        bytes memory signature = _sign(seller, exchange.hashListing(listing));
        vm.startPrank(seller);
        if (how % 3 == 0) exchange.cancelListing(listing);
        else if (how % 3 == 1) exchange.cancelAsset(unitId);
        else exchange.incrementCounter();
        vm.stopPrank();
        _keep(listing, signature);
    }

    /// @notice Replays a dead order (filled, moved, cancelled): it must be refused.
    function replay(uint256 orderSeed, uint256 buyerSeed) external {
        if (_dead.length == 0) return;
        uint256 i = orderSeed % _dead.length;
        IUnitExchange.Listing memory listing = _dead[i];
        address buyer = traders[buyerSeed % traders.length];
        ++replaysTried;
        vm.prank(buyer);
        try exchange.buy(listing, _deadSignatures[i], _noPermit()) {
            ++replaysAccepted;
        } catch {}
    }

    // --- Helpers ---------------------------------------------------------------------------------

    struct Balances {
        uint256 seller;
        uint256 buyer;
        uint256 treasury;
        uint256 agency;
    }

    function _fill(
        IUnitExchange.Listing memory listing,
        bytes memory signature,
        address buyer,
        uint256[] memory unitIds
    ) private {
        Balances memory before = _balances(listing.seller, buyer);
        vm.prank(buyer);
        if (listing.bundle == bytes32(0)) exchange.buy(listing, signature, _noPermit());
        else exchange.buyBundle(listing, signature, unitIds, _noPermit());
        _account(before, listing.seller, buyer, listing.price);
        for (uint256 i; i < unitIds.length; ++i) ghostOwner[unitIds[i]] = buyer;
    }

    function _balances(address seller, address buyer) private view returns (Balances memory) {
        return Balances(mrk.balanceOf(seller), mrk.balanceOf(buyer), mrk.balanceOf(treasury), mrk.balanceOf(agency));
    }

    function _account(Balances memory before, address seller, address buyer, uint256 price) private {
        uint256 paid = before.buyer - mrk.balanceOf(buyer);
        assertEq(paid, price, "the buyer paid the price");
        paidByBuyers += paid;
        receivedBySellers += mrk.balanceOf(seller) - before.seller;
        receivedByTreasury += mrk.balanceOf(treasury) - before.treasury;
        receivedByAgency += mrk.balanceOf(agency) - before.agency;
    }

    function _listing(
        address seller,
        uint256 unitId,
        uint256 price,
        uint16 agencyBps
    ) private view returns (IUnitExchange.Listing memory) {
        agencyBps = uint16(bound(agencyBps, 0, 500));
        return
            IUnitExchange.Listing({
                seller: seller,
                unitId: unitId,
                nonce: registry.transferCount(unitId),
                bundle: bytes32(0),
                price: price,
                buyer: address(0),
                agency: agencyBps == 0 ? address(0) : agency,
                agencyFeeBps: agencyBps,
                deadline: uint64(block.timestamp + 1 days),
                counter: exchange.counterOf(seller),
                salt: 0
            });
    }

    function _keep(IUnitExchange.Listing memory listing, bytes memory signature) private {
        _dead.push(listing);
        _deadSignatures.push(signature);
    }

    function _sign(address signer, bytes32 digest) private view returns (bytes memory) {
        for (uint256 i; i < traders.length; ++i) {
            if (traders[i] == signer) {
                (uint8 v, bytes32 r, bytes32 s) = vm.sign(keyOf(_name(i)), digest);
                return abi.encodePacked(r, s, v);
            }
        }
        fail("not a trader");
    }

    function _other(address account, uint256 seed) private view returns (address other) {
        seed %= traders.length;
        other = traders[seed];
        if (other == account) other = traders[(seed + 1) % traders.length];
    }

    function _one(uint256 unitId) private pure returns (uint256[] memory unitIds) {
        unitIds = new uint256[](1);
        unitIds[0] = unitId;
    }

    function _noPermit() private pure returns (IUnitExchange.Permit memory) {
        return IUnitExchange.Permit({value: 0, deadline: 0, v: 0, r: bytes32(0), s: bytes32(0)});
    }

    function _name(uint256 i) private pure returns (string memory) {
        return string.concat("trader", Strings.toString(i));
    }
}
