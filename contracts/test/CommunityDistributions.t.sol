// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {CommunityFixture} from "./CommunityFixture.sol";
import {ICommunityFactory} from "../community/interfaces/ICommunityFactory.sol";
import {ICommunityDistributions} from "../community/interfaces/ICommunityDistributions.sol";
import {CommunityMembership} from "../community/CommunityMembership.sol";

contract CommunityDistributionsTest is CommunityFixture {
    uint48 internal constant WINDOW = 30 days;

    /// @dev Distributes `amount` MRK of the treasury by proposal, shared by the votes at the
    /// proposal's creation; returns the distribution id.
    function _distributeByProposal(uint256 amount) internal returns (uint256 id, uint48 timepoint) {
        timepoint = uint48(block.timestamp - 1);
        uint48 claimUntil = uint48(block.timestamp + 60 days);
        address[] memory targets = new address[](2);
        uint256[] memory values = new uint256[](2);
        bytes[] memory calldatas = new bytes[](2);
        targets[0] = address(mrk);
        calldatas[0] = abi.encodeCall(IERC20.approve, (address(distributions), amount));
        targets[1] = address(distributions);
        calldatas[1] = abi.encodeCall(
            distributions.create,
            (IERC5805(address(members)), IERC20(address(mrk)), amount, timepoint, claimUntil)
        );
        _ready(targets, values, calldatas, "Share the ticket income");
        vm.expectEmit(address(distributions));
        emit ICommunityDistributions.DistributionCreated(
            1,
            address(vault),
            address(members),
            address(mrk),
            amount,
            timepoint,
            claimUntil,
            4
        );
        _execute(targets, values, calldatas, "Share the ticket income");
        id = 1;
    }

    function test_claim_ProRataByVotesAtTheTimepoint() public {
        // carol lends her vote to bob before the timepoint: bob's share is two quarters.
        vm.prank(carol);
        members.delegate(bob);
        vm.warp(block.timestamp + 1);
        (uint256 id, ) = _distributeByProposal(1_000 * MRK + 3);
        assertEq(mrk.balanceOf(address(distributions)), 1_000 * MRK + 3, "deposited");

        uint256 quarter = (1_000 * MRK + 3) / 4;
        assertEq(distributions.claimableOf(id, alice), quarter, "alice's quarter");
        assertEq(distributions.claimableOf(id, bob), 2 * quarter + 1, "bob's two quarters, rounded down");
        assertEq(distributions.claimableOf(id, carol), 0, "carol's went to bob");

        uint256 before = mrk.balanceOf(alice);
        vm.expectEmit(address(distributions));
        emit ICommunityDistributions.DistributionClaimed(id, alice, quarter);
        vm.prank(alice);
        distributions.claim(id);
        assertEq(mrk.balanceOf(alice) - before, quarter, "alice paid");
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ICommunityDistributions.DistributionNothingToClaim.selector, id, alice));
        distributions.claim(id);

        vm.prank(bob);
        distributions.claim(id);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(ICommunityDistributions.DistributionNothingToClaim.selector, id, carol));
        distributions.claim(id);

        // dave never claims; after the window the treasury takes back his share and the dust.
        ICommunityDistributions.Distribution memory distribution = distributions.distributionOf(id);
        vm.prank(mallory);
        vm.expectRevert(
            abi.encodeWithSelector(ICommunityDistributions.DistributionNotCreator.selector, id, mallory)
        );
        distributions.reclaim(id);
        vm.prank(address(vault));
        vm.expectRevert(
            abi.encodeWithSelector(
                ICommunityDistributions.DistributionClaimWindow.selector,
                id,
                distribution.claimUntil
            )
        );
        distributions.reclaim(id);

        vm.warp(uint256(distribution.claimUntil) + 1);
        vm.prank(dave);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICommunityDistributions.DistributionClaimWindow.selector,
                id,
                distribution.claimUntil
            )
        );
        distributions.claim(id);
        uint256 treasuryBefore = mrk.balanceOf(address(vault));
        vm.prank(address(vault));
        uint256 reclaimed = distributions.reclaim(id);
        assertEq(reclaimed, 1_000 * MRK + 3 - 3 * quarter - 1, "dave's quarter and the dust");
        assertEq(mrk.balanceOf(address(vault)) - treasuryBefore, reclaimed, "back in the treasury");
        assertEq(mrk.balanceOf(address(distributions)), 0, "nothing left behind");
        vm.prank(address(vault));
        assertEq(distributions.reclaim(id), 0, "reclaiming twice yields nothing");
    }

    function test_claim_VotesAcquiredAfterTheTimepointEarnNothing() public {
        (uint256 id, ) = _distributeByProposal(800 * MRK);
        // erin is invited after the timepoint; mallory borrows bob's vote.
        vm.prank(address(vault));
        members.invite(erin);
        vm.prank(bob);
        members.delegate(erin);
        assertEq(members.getVotes(erin), 2, "erin holds two votes now");
        vm.prank(erin);
        vm.expectRevert(abi.encodeWithSelector(ICommunityDistributions.DistributionNothingToClaim.selector, id, erin));
        distributions.claim(id);
        vm.prank(bob);
        assertEq(distributions.claim(id), 200 * MRK, "bob's share is his vote at the timepoint");
    }

    function test_create_RevertWhen_InputsInvalid() public {
        IERC5805 votes = IERC5805(address(members));
        IERC20 token = IERC20(address(mrk));
        uint48 past = uint48(block.timestamp - 1);
        uint48 later = uint48(block.timestamp + WINDOW);
        vm.startPrank(alice);
        mrk.approve(address(distributions), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(ICommunityDistributions.DistributionInvalidAmount.selector, 0));
        distributions.create(votes, token, 0, past, later);
        vm.expectRevert(
            abi.encodeWithSelector(ICommunityDistributions.DistributionInvalidAmount.selector, uint256(1) << 128)
        );
        distributions.create(votes, token, uint256(1) << 128, past, later);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICommunityDistributions.DistributionTimepointNotPast.selector,
                uint48(block.timestamp),
                uint48(block.timestamp)
            )
        );
        distributions.create(votes, token, 1, uint48(block.timestamp), later);
        vm.expectRevert(
            abi.encodeWithSelector(ICommunityDistributions.DistributionInvalidDeadline.selector, uint48(block.timestamp))
        );
        distributions.create(votes, token, 1, past, uint48(block.timestamp));
        vm.expectRevert(abi.encodeWithSelector(ICommunityDistributions.DistributionNoVotes.selector, uint48(1)));
        distributions.create(votes, token, 1, 1, later);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(ICommunityDistributions.DistributionUnknown.selector, 7));
        distributions.claim(7);
    }

    /// @notice Whatever the amount, the number of members and how they delegate, the claims add
    /// up to at most the amount and the dust left is below the number of members.
    function testFuzz_ClaimsNeverExceedTheAmount_DustBelowMembers(
        uint256 amount,
        uint8 memberCount,
        uint256 delegationSeed
    ) public {
        amount = bound(amount, 1, mrk.balanceOf(whale));
        uint256 count = bound(memberCount, 1, 20);
        address[] memory founders = new address[](count);
        for (uint256 i; i < count; ++i) founders[i] = address(uint160(0x1000 + i));
        ICommunityFactory.CommunityConfig memory config = _config(founders);
        config.salt = keccak256("fuzz");
        CommunityMembership fuzzed = CommunityMembership(_create(erin, config).membership);
        // Some members delegate to another, picked by the seed.
        for (uint256 i; i < count; ++i) {
            uint256 pick = uint256(keccak256(abi.encode(delegationSeed, i))) % (count + 1);
            if (pick < count && pick != i) {
                vm.prank(founders[i]);
                fuzzed.delegate(founders[pick]);
            }
        }
        vm.warp(block.timestamp + 1);

        vm.prank(whale);
        mrk.transfer(erin, amount);
        vm.startPrank(erin);
        mrk.approve(address(distributions), amount);
        uint256 id = distributions.create(
            IERC5805(address(fuzzed)),
            IERC20(address(mrk)),
            amount,
            uint48(block.timestamp - 1),
            uint48(block.timestamp + WINDOW)
        );
        vm.stopPrank();

        uint256 paid;
        for (uint256 i; i < count; ++i) {
            uint256 due = distributions.claimableOf(id, founders[i]);
            if (due == 0) continue;
            vm.prank(founders[i]);
            paid += distributions.claim(id);
            assertEq(mrk.balanceOf(founders[i]), due, "paid what was due");
        }
        assertLe(paid, amount, "claims never exceed the amount");
        assertLt(amount - paid, count, "dust below one wei per member");
        assertEq(mrk.balanceOf(address(distributions)), amount - paid, "the contract holds the rest");
    }
}
