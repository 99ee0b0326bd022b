import { Address, BigInt, Bytes, ethereum, log } from "@graphprotocol/graph-ts";
import {
  ConsecutiveTransfer,
  DistrictOpened,
  FloorStorageExtended,
  FreeClaimsSet,
  LandOfficeSet,
  Transfer,
  UnitContentSet,
  UnitClaimed,
  UnitDecoratorSet,
  UnitMinted,
  UnitPrivacySet,
  UnitRoomsAdded,
  UnitStorageExtended,
  UnitVisitorSet,
  UpdateUser,
  UserContentSet,
} from "../../generated/UnitRegistry/UnitRegistry";
import {
  Building,
  District,
  Floor,
  FreeClaims,
  LandOffice,
  Neighbourhood,
  Unit,
  UnitClaim,
  UnitContentChange,
  UnitTransfer,
  UnitVisitor,
} from "../../generated/schema";
import { getOrCreateAccount, isZeroAddress } from "../helpers/accounts";
import { cidV1String } from "../helpers/cid";
import { eventId } from "../helpers/events";
import { markListingsStale } from "../helpers/listings";
import {
  UNITS_PER_FLOOR,
  UnitParts,
  buildingId,
  decodeUnitId,
  floorEntityId,
  neighbourhoodId,
  setUnitAddress,
} from "../helpers/unitAddress";

const UNIT_TYPES = ["None", "Residential", "Commercial", "Community", "External"];
const PRIVACY = ["Public", "Unlisted", "Private"];
const SEED_DISTRICTS: i32 = 4;
const NEIGHBOURHOODS_PER_DISTRICT: i32 = 1296;
/** `UnitRegistry.FREE_STORAGE`: storage that comes with a free unit, in seconds. */
const FREE_STORAGE = BigInt.fromI32(365 * 24 * 60 * 60);

/** Once, at the registry's first block: the seed's four districts exist from genesis. */
export function initializeDistricts(block: ethereum.Block): void {
  for (let number = 1; number <= SEED_DISTRICTS; number++) {
    let district = new District(number.toString());
    district.number = number;
    district.unitType = number == 1 ? "Residential" : number == 3 ? "Community" : "Commercial";
    district.neighbourhoods = NEIGHBOURHOODS_PER_DISTRICT;
    district.ownedUnits = BigInt.zero();
    district.openedAtBlock = block.number;
    district.save();
  }
}

/**
 * ERC-721 `Transfer`: a single mint creates the unit (its storage follows in `UnitMinted` or, for a
 * free claim, `UnitClaimed`); any other transfer moves it, and a unit held in a floor's range gets a record of its own.
 */
export function handleTransfer(event: Transfer): void {
  let tokenId = event.params.tokenId;
  let id = tokenId.toString();
  let unit = Unit.load(id);
  let to = getOrCreateAccount(event.params.to, event.block.number);
  if (isZeroAddress(event.params.from)) {
    if (unit != null) {
      log.error("handleTransfer: unit {} minted twice (tx {})", [id, event.transaction.hash.toHexString()]);
      return;
    }
    unit = newUnit(tokenId, event.params.to, false, event);
    let parts = decodeUnitId(tokenId);
    countOwned(parts, 1, true);
  } else {
    if (unit == null) {
      log.error("handleTransfer: unit {} is unknown (tx {})", [id, event.transaction.hash.toHexString()]);
      return;
    }
    let from = getOrCreateAccount(event.params.from, event.block.number);
    from.unitCount = from.unitCount - 1;
    from.save();
    unit.inRange = false;
    unit.transferCount = unit.transferCount + 1;
    if (unit.openListingCount > 0) markListingsStale(unit, event);
    // Decorators are appointed by an owner and lapse when the unit changes hands.
    unit.decorator = null;
  }
  to.unitCount = to.unitCount + 1;
  to.save();
  unit.owner = event.params.to;
  unit.account = to.id;
  touch(unit, event);
  unit.save();

  let transfer = new UnitTransfer(eventId(event));
  transfer.unit = id;
  transfer.from = event.params.from;
  transfer.to = event.params.to;
  transfer.blockNumber = event.block.number;
  transfer.blockTimestamp = event.block.timestamp;
  transfer.transactionHash = event.transaction.hash;
  transfer.save();
}

/**
 * ERC-2309 `ConsecutiveTransfer`: a floor minted whole. Every unit of the range appears, held
 * in the range (`inRange`), with the floor's storage from the `FloorStorageExtended` that follows.
 */
export function handleConsecutiveTransfer(event: ConsecutiveTransfer): void {
  let first = event.params.fromTokenId;
  let count = event.params.toTokenId.minus(first).toI32() + 1;
  if (!isZeroAddress(event.params.fromAddress) || count <= 0 || count > UNITS_PER_FLOOR) {
    log.error("handleConsecutiveTransfer: unexpected range {}..{} from {} (tx {})", [
      first.toString(),
      event.params.toTokenId.toString(),
      event.params.fromAddress.toHexString(),
      event.transaction.hash.toHexString(),
    ]);
    return;
  }
  let owner = event.params.toAddress;
  let account = getOrCreateAccount(owner, event.block.number);
  account.unitCount = account.unitCount + count;
  account.save();
  for (let i = 0; i < count; i++) {
    let unit = newUnit(first.plus(BigInt.fromI32(i)), owner, true, event);
    unit.save();
  }
  let parts = decodeUnitId(first);
  let floor = countOwned(parts, count, false);
  if (floor != null) {
    floor.rangeOwner = owner;
    floor.rangeAccount = account.id;
    floor.save();
  }
}

/** `UnitMinted`: the storage a unit a land office minted comes with. */
export function handleUnitMinted(event: UnitMinted): void {
  let unit = loadUnit(event.params.unitId, "handleUnitMinted", event);
  if (unit == null) return;
  unit.storagePaidUntil = event.params.storagePaidUntil;
  touch(unit, event);
  unit.save();
}

/** `UnitClaimed`: a free claim, whose storage runs `FREE_STORAGE` from the block's timestamp. */
export function handleUnitClaimed(event: UnitClaimed): void {
  let unit = loadUnit(event.params.unitId, "handleUnitClaimed", event);
  if (unit == null) return;
  unit.storagePaidUntil = event.block.timestamp.plus(FREE_STORAGE);
  touch(unit, event);
  unit.save();

  let account = getOrCreateAccount(Address.fromBytes(unit.owner), event.block.number);
  account.hasClaimedFree = true;
  account.save();

  let claim = new UnitClaim(eventId(event));
  claim.unit = unit.id;
  claim.owner = unit.owner;
  claim.account = account.id;
  claim.blockNumber = event.block.number;
  claim.blockTimestamp = event.block.timestamp;
  claim.transactionHash = event.transaction.hash;
  claim.save();

  let claims = FreeClaims.load(event.address);
  if (claims == null) {
    log.error("handleUnitClaimed: no FreeClaimsSet seen from {} (tx {})", [
      event.address.toHexString(),
      event.transaction.hash.toHexString(),
    ]);
    return;
  }
  claims.left = claims.left.minus(BigInt.fromI32(1));
  claims.claimed = claims.claimed.plus(BigInt.fromI32(1));
  claims.save();
}

/** `FreeClaimsSet`: governance (or the constructor) set how many free claims are left. */
export function handleFreeClaimsSet(event: FreeClaimsSet): void {
  let claims = FreeClaims.load(event.address);
  if (claims == null) {
    claims = new FreeClaims(event.address);
    claims.claimed = BigInt.zero();
  }
  claims.left = event.params.left;
  claims.save();
}

/** `UnitContentSet`: the scene's digest and codec, and the CID string rebuilt from them; a zero digest clears it. */
export function handleUnitContentSet(event: UnitContentSet): void {
  let unit = loadUnit(event.params.unitId, "handleUnitContentSet", event);
  if (unit == null) return;
  let digest = event.params.digest;
  let cleared = digest.equals(Bytes.fromHexString("0x" + "00".repeat(32)));
  let cid = cleared ? "" : cidV1String(digest, event.params.codec);
  if (cleared) {
    unit.contentCid = null;
    unit.contentDigest = null;
    unit.contentCodec = null;
  } else {
    unit.contentCid = cid;
    unit.contentDigest = digest;
    unit.contentCodec = event.params.codec;
  }
  touch(unit, event);
  unit.save();

  let change = new UnitContentChange(eventId(event));
  change.unit = unit.id;
  change.editor = event.transaction.from;
  change.cid = cid;
  change.blockNumber = event.block.number;
  change.blockTimestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

/**
 * ERC-4907 `UpdateUser`: a lease set by the rentals office (which recorded the `Lease` on the unit
 * just before, in `Leased`), or ended early (user zero). A new lease starts without a tenant scene.
 */
export function handleUpdateUser(event: UpdateUser): void {
  let unit = loadUnit(event.params.tokenId, "handleUpdateUser", event);
  if (unit == null) return;
  if (isZeroAddress(event.params.user)) {
    unit.tenant = null;
    unit.userExpires = null;
    unit.lease = null;
  } else {
    unit.tenant = event.params.user;
    unit.userExpires = event.params.expires;
  }
  unit.tenantContentCid = null;
  unit.save();
}

/** `UserContentSet`: the tenant's own scene, shown while its lease runs. */
export function handleUserContentSet(event: UserContentSet): void {
  let unit = loadUnit(event.params.unitId, "handleUserContentSet", event);
  if (unit == null) return;
  let digest = event.params.digest;
  let cleared = digest.equals(Bytes.fromHexString("0x" + "00".repeat(32)));
  if (cleared) unit.tenantContentCid = null;
  else unit.tenantContentCid = cidV1String(digest, event.params.codec);
  unit.save();
}

/** `UnitDecoratorSet`: the decorator counts only while its appointer owns the unit. */
export function handleUnitDecoratorSet(event: UnitDecoratorSet): void {
  let unit = loadUnit(event.params.unitId, "handleUnitDecoratorSet", event);
  if (unit == null || !unit.owner.equals(event.params.owner)) return;
  unit.decorator = isZeroAddress(event.params.decorator) ? null : event.params.decorator;
  touch(unit, event);
  unit.save();
}

export function handleUnitPrivacySet(event: UnitPrivacySet): void {
  let unit = loadUnit(event.params.unitId, "handleUnitPrivacySet", event);
  if (unit == null) return;
  let privacy = event.params.privacy;
  unit.privacy = privacy < 3 ? PRIVACY[privacy] : "Private";
  touch(unit, event);
  unit.save();
}

/** `UnitVisitorSet`: an invitation of the owner who set it; it lapses when the unit changes hands. */
export function handleUnitVisitorSet(event: UnitVisitorSet): void {
  let unit = loadUnit(event.params.unitId, "handleUnitVisitorSet", event);
  if (unit == null) return;
  let id = unit.id + "-" + event.params.visitor.toHexString();
  let visitor = UnitVisitor.load(id);
  if (visitor == null) {
    visitor = new UnitVisitor(id);
    visitor.unit = unit.id;
    visitor.visitor = event.params.visitor;
  }
  visitor.owner = event.params.owner;
  visitor.allowed = event.params.allowed;
  visitor.updatedAtBlock = event.block.number;
  visitor.save();
}

export function handleUnitRoomsAdded(event: UnitRoomsAdded): void {
  let unit = loadUnit(event.params.unitId, "handleUnitRoomsAdded", event);
  if (unit == null) return;
  unit.rooms = event.params.rooms;
  touch(unit, event);
  unit.save();
}

export function handleUnitStorageExtended(event: UnitStorageExtended): void {
  let unit = loadUnit(event.params.unitId, "handleUnitStorageExtended", event);
  if (unit == null) return;
  unit.storagePaidUntil = event.params.paidUntil;
  touch(unit, event);
  unit.save();
}

/**
 * `FloorStorageExtended`: the storage of the units still held in the floor's range. A range unit
 * that paid storage of its own keeps the later of the two, as the registry does.
 */
export function handleFloorStorageExtended(event: FloorStorageExtended): void {
  let parts = decodeUnitId(event.params.floorId);
  let floor = Floor.load(floorEntityId(parts));
  if (floor == null) {
    log.error("handleFloorStorageExtended: floor {} is unknown (tx {})", [
      event.params.floorId.toString(),
      event.transaction.hash.toHexString(),
    ]);
    return;
  }
  floor.rangeStoragePaidUntil = event.params.paidUntil;
  floor.save();
  let units = floor.units.load();
  for (let i = 0; i < units.length; i++) {
    let unit = units[i];
    if (!unit.inRange || unit.storagePaidUntil.ge(event.params.paidUntil)) continue;
    unit.storagePaidUntil = event.params.paidUntil;
    touch(unit, event);
    unit.save();
  }
}

export function handleDistrictOpened(event: DistrictOpened): void {
  let id = event.params.district.toString();
  let district = District.load(id);
  if (district == null) {
    district = new District(id);
    district.number = event.params.district;
    district.ownedUnits = BigInt.zero();
    district.openedAtBlock = event.block.number;
  }
  let type = event.params.unitType;
  district.unitType = type < 5 ? UNIT_TYPES[type] : "Residential";
  district.neighbourhoods = event.params.neighbourhoods;
  district.save();
}

export function handleLandOfficeSet(event: LandOfficeSet): void {
  let office = new LandOffice(event.params.office);
  office.active = event.params.active;
  office.allowance = event.params.allowance;
  office.save();
}

function newUnit(tokenId: BigInt, owner: Address, inRange: boolean, event: ethereum.Event): Unit {
  let unit = new Unit(tokenId.toString());
  unit.tokenId = tokenId;
  let parts = setUnitAddress(unit, tokenId);
  let district = District.load(parts.district.toString());
  if (district != null && parts.space == 0) unit.unitType = district.unitType;
  unit.districtRef = parts.district.toString();
  unit.neighbourhoodRef = neighbourhoodId(parts);
  unit.buildingRef = buildingId(parts);
  if (parts.space == 0) unit.floorRef = floorEntityId(parts);
  unit.owner = owner;
  unit.account = owner;
  unit.inRange = inRange;
  unit.privacy = "Public";
  unit.rooms = 0;
  unit.storagePaidUntil = BigInt.zero();
  unit.transferCount = 0;
  unit.openListingCount = 0;
  unit.claimedAtBlock = event.block.number;
  unit.claimedAtTimestamp = event.block.timestamp;
  touch(unit, event);
  return unit;
}

/**
 * Adds `count` owned units to the unit's district, neighbourhood, building and (interior) floor,
 * creating them as needed. Returns the floor (saved), or null for an external surface.
 */
function countOwned(parts: UnitParts, count: i32, single: boolean): Floor | null {
  let district = District.load(parts.district.toString());
  if (district == null) {
    // A district the registry knows but the subgraph has not seen opened: keep counting.
    district = new District(parts.district.toString());
    district.number = parts.district;
    district.unitType = "Residential";
    district.neighbourhoods = 0;
    district.ownedUnits = BigInt.zero();
    district.openedAtBlock = BigInt.zero();
  }
  district.ownedUnits = district.ownedUnits.plus(BigInt.fromI32(count));
  district.save();

  let neighbourhood = Neighbourhood.load(neighbourhoodId(parts));
  if (neighbourhood == null) {
    neighbourhood = new Neighbourhood(neighbourhoodId(parts));
    neighbourhood.district = district.id;
    neighbourhood.number = parts.neighbourhood;
    neighbourhood.ownedUnits = BigInt.zero();
  }
  neighbourhood.ownedUnits = neighbourhood.ownedUnits.plus(BigInt.fromI32(count));
  neighbourhood.save();

  let building = Building.load(buildingId(parts));
  if (building == null) {
    building = new Building(buildingId(parts));
    building.neighbourhood = neighbourhood.id;
    building.number = parts.building;
    building.ownedUnits = 0;
  }
  building.ownedUnits = building.ownedUnits + count;
  building.save();

  if (parts.space != 0) return null;
  let floor = Floor.load(floorEntityId(parts));
  if (floor == null) {
    floor = new Floor(floorEntityId(parts));
    floor.floorId = floorIdOf(parts);
    floor.building = building.id;
    floor.number = parts.floor;
    floor.ownedUnits = 0;
    floor.hasSingles = false;
  }
  floor.ownedUnits = floor.ownedUnits + count;
  if (single) floor.hasSingles = true;
  floor.save();
  return floor;
}

function floorIdOf(parts: UnitParts): BigInt {
  return BigInt.fromI32(parts.district)
    .leftShift(48)
    .bitOr(BigInt.fromI32(parts.neighbourhood).leftShift(32))
    .bitOr(BigInt.fromI32(parts.building).leftShift(24))
    .bitOr(BigInt.fromI32(parts.floor).leftShift(16));
}

function loadUnit(unitId: BigInt, handler: string, event: ethereum.Event): Unit | null {
  let unit = Unit.load(unitId.toString());
  if (unit == null) {
    log.error("{}: unit {} is missing (tx {})", [handler, unitId.toString(), event.transaction.hash.toHexString()]);
  }
  return unit;
}

function touch(unit: Unit, event: ethereum.Event): void {
  unit.updatedAtBlock = event.block.number;
  unit.updatedAtTimestamp = event.block.timestamp;
}
