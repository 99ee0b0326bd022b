// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// JSON and SVG are built from literals full of double quotes: single-quoted literals keep them readable.
// solhint-disable quotes

import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {NamesFixture} from "./utils/NamesFixture.sol";
import {IUnitRegistry} from "../interfaces/IUnitRegistry.sol";
import {UnitAddress} from "../libraries/UnitAddress.sol";
import {UnitMetadata} from "../land/UnitMetadata.sol";

/// @notice The metadata's shape, piece by piece; `contracts/land/UnitMetadata.test.ts` parses the
/// whole JSON and checks the address text against the TypeScript codec for fuzzed ids.
contract UnitMetadataTest is NamesFixture {
    function setUp() public override {
        super.setUp();
        _mint(alice, HOME);
    }

    function test_tokenURI_IsTheRenderersBase64Json() public view {
        string memory uri = registry.tokenURI(HOME);
        assertEq(uri, metadata.tokenURI(HOME), "registry delegates");
        assertEq(
            uri,
            string.concat("data:application/json;base64,", Base64.encode(bytes(metadata.metadataJson(HOME)))),
            "data URI"
        );
    }

    function test_tokenURI_RevertWhen_UnitIsNotOwned() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, NEXT_DOOR));
        registry.tokenURI(NEXT_DOOR);
    }

    function test_metadataJson_IsNamedByAddressUntilTheUnitHasAName() public {
        string memory json = metadata.metadataJson(HOME);
        _assertContains(json, '{"name":"R-0042-07-12-003","description":"Unit R-0042-07-12-003 of Markspace: ');
        _assertLacks(json, '"trait_type":"Name"');
        _name(alice, HOME, "alice");
        json = metadata.metadataJson(HOME);
        _assertContains(json, '{"name":"alice.markspace","description":"Unit R-0042-07-12-003 of Markspace: ');
        _assertContains(json, '{"trait_type":"Name","value":"alice.markspace"}]}');
        _assertContains(metadata.image(HOME), ">alice.markspace</text>");
    }

    function test_metadataJson_DescribesThePlace() public view {
        _assertContains(
            metadata.metadataJson(HOME),
            "a Residential unit on floor 12 of building 7 in neighbourhood 42 of the Residential district."
        );
    }

    function test_metadataJson_ListsTheAttributes() public {
        vm.prank(alice);
        registry.setPrivacy(HOME, IUnitRegistry.Privacy.Unlisted);
        registry.addRooms(HOME, 2);
        string memory json = metadata.metadataJson(HOME);
        _assertContains(
            json,
            string.concat(
                '"attributes":[{"trait_type":"Type","value":"Residential"},',
                '{"trait_type":"District","value":"Residential"},',
                '{"display_type":"number","trait_type":"Neighbourhood","value":42},',
                '{"display_type":"number","trait_type":"Building","value":7},',
                '{"display_type":"number","trait_type":"Floor","value":12},',
                '{"display_type":"number","trait_type":"Unit","value":3},',
                '{"display_type":"number","trait_type":"Rooms","value":2},',
                '{"trait_type":"Privacy","value":"Unlisted"},',
                '{"display_type":"date","trait_type":"Storage paid until","value":1900000000}]'
            )
        );
    }

    function test_metadataJson_LinksTheAppsUnitPage() public view {
        _assertContains(metadata.metadataJson(HOME), '"external_url":"http://127.0.0.1:3000/units/281655483564035",');
    }

    function test_metadataJson_LeavesOutExternalUrlWithoutABase() public {
        UnitMetadata bare = new UnitMetadata(registry, names, "");
        _assertLacks(bare.metadataJson(HOME), "external_url");
    }

    function test_metadataJson_OfAnExternalSurfaceInAGovernanceDistrict() public {
        registry.openDistrict(5, IUnitRegistry.UnitType.Commercial, 2);
        uint256 surface = (uint256(1) << 56) | (uint256(5) << 48) | (uint256(1) << 32) | 124;
        _mint(bob, surface);
        string memory json = metadata.metadataJson(surface);
        _assertContains(json, '{"name":"D5-0001-00-00-X124"');
        _assertContains(json, "an External surface on floor 0 of building 0 in neighbourhood 1 of the D5 district.");
        _assertContains(json, '{"trait_type":"Type","value":"External"},{"trait_type":"District","value":"D5"}');
        _assertLacks(metadata.image(surface), "<rect x=\"75\"");
    }

    function test_image_MarksTheUnitsCellOnItsFloor() public view {
        // Unit 3 is row 0, column 3 of the 25 × 25 grid.
        _assertContains(metadata.image(HOME), '<rect x="105" y="110" width="10" height="10" fill="#fff"/>');
    }

    function test_addressText_MatchesTheReadmeExamples() public view {
        assertEq(metadata.addressText(HOME), "R-0042-07-12-003");
        assertEq(metadata.addressText(BILLBOARD), "R-0042-07-12-X017");
        assertEq(metadata.addressText(FLOOR), "C-0009-00-05-000");
        assertEq(metadata.addressText(0x00_02_0000_00_00_0000), "B-0000-00-00-000");
        assertEq(metadata.addressText(0x00_04_050f_23_23_0270), "S-1295-35-35-624");
        assertEq(metadata.addressText(0x01_ff_050f_23_23_007c), "D255-1295-35-35-X124");
    }

    function test_addressText_RevertWhen_IdIsNotAUnit() public {
        uint256 bad = HOME | 0x0271; // unit 625 on a 625-unit floor
        vm.expectRevert(abi.encodeWithSelector(UnitAddress.UnitIdInvalid.selector, bad));
        metadata.addressText(bad);
    }

    // --- Helpers ---------------------------------------------------------------------------

    function _assertContains(string memory haystack, string memory needle) internal pure {
        if (!_contains(haystack, needle)) fail(string.concat("missing: ", needle, "\n in: ", haystack));
    }

    function _assertLacks(string memory haystack, string memory needle) internal pure {
        if (_contains(haystack, needle)) fail(string.concat("unexpected: ", needle, "\n in: ", haystack));
    }

    function _contains(string memory haystack, string memory needle) private pure returns (bool) {
        bytes memory h = bytes(haystack);
        bytes memory n = bytes(needle);
        if (n.length > h.length) return false;
        for (uint256 i = 0; i + n.length <= h.length; ++i) {
            bool found = true;
            for (uint256 j = 0; j < n.length; ++j) {
                if (h[i + j] != n[j]) {
                    found = false;
                    break;
                }
            }
            if (found) return true;
        }
        return false;
    }
}
