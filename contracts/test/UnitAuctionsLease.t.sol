// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {LeaseBookFixture} from "./utils/LeaseBookFixture.sol";
import {IUnitAuctions} from "../interfaces/IUnitAuctions.sol";
import {UnitAuctions} from "../market/UnitAuctions.sol";

/// @notice A leased unit goes through an auction with its lease: the tenant keeps the unit's use
/// while the house holds it and after the winner gets it, until the lease expires.
contract UnitAuctionsLeaseTest is LeaseBookFixture {
    function test_aLeasedUnitIsAuctionedWithItsLease() public {
        vm.startPrank(governance);
        params.defineParameter("exchange.platformFeeBps", 0, 1_000, 250);
        params.defineParameter("exchange.agencyFeeCapBps", 0, 2_000, 500);
        vm.stopPrank();
        UnitAuctions auctions = new UnitAuctions(address(manager), registry, IERC20(address(mrk)), params, treasury);
        _rent(carol, _listing(OFFICE), 10);
        uint256 expires = registry.userExpires(OFFICE);
        assertEq(registry.userOf(OFFICE), carol, "carol rents the office");

        vm.startPrank(alice);
        registry.setApprovalForAll(address(auctions), true);
        uint256 id = auctions.createAuction(OFFICE, 1_000 * MRK, 1 days, address(0), 0);
        vm.stopPrank();
        assertEq(registry.userOf(OFFICE), carol, "still carol's while the house holds it");

        _approveMrk(bob, address(auctions), 1_000 * MRK);
        vm.prank(bob);
        auctions.bid(id, 1_000 * MRK, IUnitAuctions.Permit({value: 0, deadline: 0, v: 0, r: 0, s: 0}));
        vm.warp(auctions.auctionOf(id).endsAt);
        auctions.settle(id);
        assertEq(registry.ownerOf(OFFICE), bob, "bob owns it");
        assertEq(registry.userOf(OFFICE), carol, "carol keeps its use");
        assertEq(registry.userExpires(OFFICE), expires, "until the same expiry");
        vm.warp(expires);
        assertEq(registry.userOf(OFFICE), address(0), "the lease ends by itself");
    }
}
