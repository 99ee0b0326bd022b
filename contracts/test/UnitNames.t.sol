// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {NamesFixture} from "./utils/NamesFixture.sol";
import {IUnitNames} from "../interfaces/IUnitNames.sol";
import {IUnitRegistry} from "../interfaces/IUnitRegistry.sol";

contract UnitNamesTest is NamesFixture {
    /// @notice `namehash("alice.markspace")`, computed off chain (viem's `namehash`).
    bytes32 internal constant ALICE_NODE = 0xb7fc639f320298e529cf2ef4df2b9b75dccb3f282be4752f95fe12db40bc16ea;

    function setUp() public override {
        super.setUp();
        _mint(alice, HOME);
        _mint(bob, NEXT_DOOR);
    }

    // --- setName ---------------------------------------------------------------------------

    function test_setName_NamesTheUnitAtItsNode() public {
        vm.expectEmit(address(names));
        emit IUnitNames.UnitNamed(HOME, ALICE_NODE, "alice");
        _name(alice, HOME, "alice");
        assertEq(names.nameOf(HOME), "alice", "nameOf");
        assertEq(names.unitOfName("alice"), HOME, "unitOfName");
        assertEq(names.unitOfNode(ALICE_NODE), HOME, "unitOfNode");
        assertEq(names.nodeOf("alice"), ALICE_NODE, "nodeOf");
    }

    function test_setName_EmitsMetadataUpdateFromTheRegistry() public {
        vm.expectEmit(address(registry));
        emit IERC4906.MetadataUpdate(HOME);
        _name(alice, HOME, "alice");
    }

    function test_setName_ByTheApprovedAccount() public {
        vm.prank(alice);
        registry.approve(carol, HOME);
        _name(carol, HOME, "carols-pick");
        assertEq(names.nameOf(HOME), "carols-pick");
    }

    function test_setName_ByAnOperator() public {
        vm.prank(alice);
        registry.setApprovalForAll(carol, true);
        _name(carol, HOME, "operated");
        assertEq(names.nameOf(HOME), "operated");
    }

    function test_setName_OfAUnitStillInItsFloorsRange() public {
        registry.mintFloor(alice, FLOOR, PAID_UNTIL);
        _name(alice, FLOOR + 5, "range-unit");
        assertEq(names.unitOfName("range-unit"), FLOOR + 5);
    }

    function test_setName_RenameFreesTheOldName() public {
        _name(alice, HOME, "alice");
        vm.expectEmit(address(names));
        emit IUnitNames.UnitNameCleared(HOME, ALICE_NODE, "alice");
        _name(alice, HOME, "alice-home");
        assertEq(names.unitOfName("alice"), 0, "old name freed");
        assertEq(names.unitOfName("alice-home"), HOME, "new name");
        _name(bob, NEXT_DOOR, "alice");
        assertEq(names.unitOfName("alice"), NEXT_DOOR, "taken by another unit");
    }

    function test_setName_RevertWhen_CallerIsAStranger() public {
        _expectUnauthorized(HOME, carol);
        _name(carol, HOME, "stolen");
    }

    function test_setName_RevertWhen_CallerIsOnlyADecorator() public {
        vm.prank(alice);
        registry.setDecorator(HOME, carol);
        _expectUnauthorized(HOME, carol);
        _name(carol, HOME, "decorated");
    }

    function test_setName_RevertWhen_UnitIsNotOwned() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, HOME + 2));
        _name(alice, HOME + 2, "nobodys");
    }

    function test_setName_RevertWhen_NameIsTaken() public {
        _name(alice, HOME, "alice");
        vm.expectRevert(abi.encodeWithSelector(IUnitNames.UnitNameTaken.selector, "alice", HOME));
        _name(bob, NEXT_DOOR, "alice");
    }

    function test_setName_RevertWhen_NameIsTakenInAnotherCase() public {
        _name(alice, HOME, "alice");
        vm.expectRevert(abi.encodeWithSelector(IUnitNames.UnitNameInvalid.selector, "Alice"));
        _name(bob, NEXT_DOOR, "Alice");
        vm.expectRevert(abi.encodeWithSelector(IUnitNames.UnitNameInvalid.selector, "ALICE"));
        _name(bob, NEXT_DOOR, "ALICE");
    }

    function test_setName_RevertWhen_TheUnitAlreadyHasThatName() public {
        _name(alice, HOME, "alice");
        vm.expectRevert(abi.encodeWithSelector(IUnitNames.UnitNameTaken.selector, "alice", HOME));
        _name(alice, HOME, "alice");
    }

    function test_setName_RevertWhen_NamesOfficeIsClosed() public {
        registry.setLandOffice(address(names), false, 0);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.LandOfficeUnauthorized.selector, address(names)));
        _name(alice, HOME, "alice");
    }

    function test_setName_AcceptsEveryRuleAtItsEdge() public {
        string[7] memory valid = [
            "abc",
            "a-b",
            "123",
            "abc--d",
            "r2-0042-07-12-003",
            "r-0042-07-12-0031",
            "abcdefghijklmnopqrstuvwxyz0123456789-abcdefghijklmnopqrstuvwxyz"
        ];
        for (uint256 i = 0; i < valid.length; ++i) {
            assertTrue(names.isNormalised(valid[i]), valid[i]);
            _name(alice, HOME, valid[i]);
            assertEq(names.nameOf(HOME), valid[i]);
        }
    }

    function test_setName_RevertWhen_NameBreaksARule() public {
        string[15] memory invalid = [
            "",
            "ab",
            "abcdefghijklmnopqrstuvwxyz0123456789-abcdefghijklmnopqrstuvwxyz0",
            "-abc",
            "abc-",
            "ab--c",
            "xn--abc",
            "a.b.c",
            "a b c",
            "abc_d",
            unicode"café",
            unicode"аррle",
            "r-0042-07-12-003",
            "d5-0001-00-00-x017",
            "s-1295-35-35-x99"
        ];
        for (uint256 i = 0; i < invalid.length; ++i) {
            assertFalse(names.isNormalised(invalid[i]), invalid[i]);
            vm.expectRevert(abi.encodeWithSelector(IUnitNames.UnitNameInvalid.selector, invalid[i]));
            _name(alice, HOME, invalid[i]);
        }
    }

    /// @notice Any byte outside `a`–`z`, `0`–`9`, `-`, anywhere in an otherwise valid name, is refused.
    function testFuzz_setName_RevertWhen_NameHasAForeignByte(uint8 raw, uint256 position) public {
        bytes1 c = bytes1(raw);
        vm.assume(!((c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "-"));
        bytes memory label = bytes("valid-name");
        label[bound(position, 0, label.length - 1)] = c;
        vm.expectRevert(abi.encodeWithSelector(IUnitNames.UnitNameInvalid.selector, string(label)));
        _name(alice, HOME, string(label));
    }

    /// @notice Upper-casing any letter of a taken name never yields a second, look-alike name.
    function testFuzz_setName_RevertWhen_AnyLetterIsUpperCase(uint256 position) public {
        _name(alice, HOME, "markspace-home");
        bytes memory label = bytes("markspace-home");
        uint256 i = bound(position, 0, label.length - 1);
        vm.assume(label[i] != "-");
        label[i] = bytes1(uint8(label[i]) - 32);
        vm.expectRevert(abi.encodeWithSelector(IUnitNames.UnitNameInvalid.selector, string(label)));
        _name(bob, NEXT_DOOR, string(label));
    }

    /// @notice Only lengths 3 to 63 are names.
    function testFuzz_setName_LengthFrom3To63(uint256 length) public {
        length = bound(length, 0, 80);
        bytes memory label = new bytes(length);
        for (uint256 i = 0; i < length; ++i) label[i] = "a";
        if (length < 3 || length > 63) {
            vm.expectRevert(abi.encodeWithSelector(IUnitNames.UnitNameInvalid.selector, string(label)));
        }
        _name(alice, HOME, string(label));
    }

    // --- clearName -------------------------------------------------------------------------

    function test_clearName_FreesTheName() public {
        _name(alice, HOME, "alice");
        vm.expectEmit(address(names));
        emit IUnitNames.UnitNameCleared(HOME, ALICE_NODE, "alice");
        vm.expectEmit(address(registry));
        emit IERC4906.MetadataUpdate(HOME);
        vm.prank(alice);
        names.clearName(HOME);
        assertEq(names.nameOf(HOME), "", "nameOf");
        assertEq(names.unitOfName("alice"), 0, "unitOfName");
        assertEq(names.addr(ALICE_NODE), address(0), "resolves to nobody");
        _name(bob, NEXT_DOOR, "alice");
        assertEq(names.unitOfName("alice"), NEXT_DOOR, "taken again");
    }

    function test_clearName_RevertWhen_UnitHasNoName() public {
        vm.expectRevert(abi.encodeWithSelector(IUnitNames.UnitNameNotSet.selector, HOME));
        vm.prank(alice);
        names.clearName(HOME);
    }

    function test_clearName_RevertWhen_CallerIsAStranger() public {
        _name(alice, HOME, "alice");
        _expectUnauthorized(HOME, carol);
        vm.prank(carol);
        names.clearName(HOME);
    }

    // --- Transfers -------------------------------------------------------------------------

    function test_transfer_NameFollowsTheUnitAndOldRecordsVanish() public {
        _name(alice, HOME, "alice");
        vm.startPrank(alice);
        names.setText(HOME, "url", "https://alice.example");
        names.setAddr(HOME, 60, abi.encodePacked(carol));
        names.setAddr(HOME, 0, hex"0014751e76e8199196d454941c45d1b3a323f1433bd6");
        registry.transferFrom(alice, bob, HOME);
        vm.stopPrank();

        assertEq(names.nameOf(HOME), "alice", "name follows");
        assertEq(names.unitOfName("alice"), HOME, "still resolves to the unit");
        assertEq(names.text(ALICE_NODE, "url"), "", "text gone");
        assertEq(names.addr(ALICE_NODE), bob, "resolves to the new owner");
        assertEq(names.addr(ALICE_NODE, 0), "", "bitcoin address gone");
        assertEq(names.textOf(HOME, "url"), "", "textOf gone");
    }

    function test_transfer_RecordsOfAFormerOwnerDoNotComeBack() public {
        vm.prank(alice);
        names.setText(HOME, "avatar", "eip155:1/erc721:0x0/1");
        vm.prank(alice);
        registry.transferFrom(alice, bob, HOME);
        vm.prank(bob);
        names.setText(HOME, "avatar", "bobs");
        vm.prank(bob);
        registry.transferFrom(bob, alice, HOME);
        assertEq(names.textOf(HOME, "avatar"), "", "neither alice's first nor bob's");
    }

    function test_transfer_FormerOwnerCanNoLongerRename() public {
        _name(alice, HOME, "alice");
        vm.prank(alice);
        registry.transferFrom(alice, bob, HOME);
        _expectUnauthorized(HOME, alice);
        _name(alice, HOME, "taken-back");
        _name(bob, HOME, "bob");
        assertEq(names.nameOf(HOME), "bob");
    }

    function test_transfer_ApprovedAccountLosesItsRight() public {
        vm.prank(alice);
        registry.approve(carol, HOME);
        vm.prank(alice);
        registry.transferFrom(alice, bob, HOME);
        _expectUnauthorized(HOME, carol);
        _name(carol, HOME, "carols");
    }

    // --- Records and resolution ------------------------------------------------------------

    function test_addr_IsTheOwnerUnlessTheOwnerSetOne() public {
        _name(alice, HOME, "alice");
        assertEq(names.addr(ALICE_NODE), alice, "owner by default");
        assertEq(names.addr(ALICE_NODE, 60), abi.encodePacked(alice), "ENSIP-9 Ether by default");
        vm.expectEmit(address(names));
        emit IUnitNames.UnitAddrSet(HOME, 60, abi.encodePacked(carol));
        vm.prank(alice);
        names.setAddr(HOME, 60, abi.encodePacked(carol));
        assertEq(names.addr(ALICE_NODE), carol, "record");
        assertEq(names.addr(ALICE_NODE, 60), abi.encodePacked(carol), "record as bytes");
        vm.prank(alice);
        names.setAddr(HOME, 60, "");
        assertEq(names.addr(ALICE_NODE), alice, "cleared: owner again");
    }

    function test_addr_OfAnUnknownNodeIsEmpty() public view {
        assertEq(names.addr(ALICE_NODE), address(0));
        assertEq(names.addr(ALICE_NODE, 60), "");
        assertEq(names.text(ALICE_NODE, "url"), "");
        assertEq(names.contenthash(ALICE_NODE), "");
    }

    function test_setAddr_RevertWhen_EtherAddressIsNot20Bytes() public {
        bytes memory short = hex"1234";
        vm.expectRevert(abi.encodeWithSelector(IUnitNames.UnitAddrInvalid.selector, 60, short));
        vm.prank(alice);
        names.setAddr(HOME, 60, short);
    }

    function test_setText_SetsTheOwnersRecord() public {
        _name(alice, HOME, "alice");
        vm.expectEmit(address(names));
        emit IUnitNames.UnitTextSet(HOME, "description", "description", "my flat");
        vm.prank(alice);
        names.setText(HOME, "description", "my flat");
        assertEq(names.text(ALICE_NODE, "description"), "my flat");
    }

    function test_setText_RevertWhen_CallerIsAStranger() public {
        _expectUnauthorized(HOME, carol);
        vm.prank(carol);
        names.setText(HOME, "url", "https://evil.example");
    }

    function test_contenthash_FollowsTheSceneAndPrivacy() public {
        _name(alice, HOME, "alice");
        assertEq(names.contenthash(ALICE_NODE), "", "no scene yet");
        vm.prank(alice);
        registry.setContent(HOME, SCENE, 0x55);
        bytes memory expected = abi.encodePacked(hex"e3010155", hex"1220", SCENE);
        assertEq(names.contenthash(ALICE_NODE), expected, "public");
        _setPrivacy(alice, HOME, IUnitRegistry.Privacy.Unlisted);
        assertEq(names.contenthash(ALICE_NODE), expected, "unlisted: anyone with the link");
        _setPrivacy(alice, HOME, IUnitRegistry.Privacy.Private);
        assertEq(names.contenthash(ALICE_NODE), "", "private: nothing");
        _setPrivacy(alice, HOME, IUnitRegistry.Privacy.Public);
        assertEq(names.contenthash(ALICE_NODE), expected, "public again");
    }

    function test_contenthash_EncodesEachCodecAsAVarint() public {
        _name(alice, HOME, "alice");
        uint64[3] memory codecs = [uint64(0x70), 0x71, 0x0129];
        bytes[3] memory varints = [bytes(hex"70"), hex"71", hex"a902"];
        for (uint256 i = 0; i < codecs.length; ++i) {
            vm.prank(alice);
            registry.setContent(HOME, SCENE, codecs[i]);
            assertEq(names.contenthash(ALICE_NODE), abi.encodePacked(hex"e30101", varints[i], hex"1220", SCENE));
        }
    }

    function test_supportsInterface_TheResolverProfiles() public view {
        assertTrue(names.supportsInterface(0x3b3b57de), "addr(bytes32)");
        assertTrue(names.supportsInterface(0xf1cb7e06), "addr(bytes32,uint256)");
        assertTrue(names.supportsInterface(0x59d1d43c), "text");
        assertTrue(names.supportsInterface(0xbc1c58d1), "contenthash");
        assertTrue(names.supportsInterface(0x01ffc9a7), "ERC-165");
        assertTrue(names.supportsInterface(type(IUnitNames).interfaceId), "IUnitNames");
        assertFalse(names.supportsInterface(0xffffffff), "0xffffffff");
        assertFalse(names.supportsInterface(0x691f3431), "name(bytes32) is not served");
    }
}
