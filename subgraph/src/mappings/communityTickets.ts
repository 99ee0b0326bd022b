import { Address, BigInt } from "@graphprotocol/graph-ts";
import {
  EventCreated,
  TicketsBought,
  TransferBatch,
  TransferSingle,
} from "../../generated/CommunityTickets/CommunityTickets";
import { Community, CommunityEvent, TicketHolding } from "../../generated/schema";
import { recordMovement, refreshBalances } from "../helpers/communities";

/** `EventCreated`: the event, linked to its community when a community's treasury organizes it. */
export function handleEventCreated(event: EventCreated): void {
  let ticketed = new CommunityEvent(event.params.eventId.toString());
  ticketed.eventId = event.params.eventId;
  ticketed.organizer = event.params.organizer;
  let community = Community.load(event.params.organizer.toHexString());
  if (community != null) ticketed.community = community.id;
  ticketed.unitId = event.params.unitId;
  ticketed.startsAt = event.params.startsAt;
  ticketed.price = event.params.price;
  ticketed.capacity = event.params.capacity.toI32();
  ticketed.sold = 0;
  ticketed.revenue = BigInt.zero();
  ticketed.uri = event.params.uri;
  ticketed.createdAtBlock = event.block.number;
  ticketed.createdAtTimestamp = event.block.timestamp;
  ticketed.save();
}

/** `TicketsBought`: tickets sold and revenue; MRK into the organizing community's treasury. */
export function handleTicketsBought(event: TicketsBought): void {
  let ticketed = CommunityEvent.load(event.params.eventId.toString());
  if (ticketed == null) return;
  ticketed.sold = ticketed.sold + event.params.quantity.toI32();
  ticketed.revenue = ticketed.revenue.plus(event.params.paid);
  ticketed.save();
  if (ticketed.community == null || event.params.paid.isZero()) return;
  let community = Community.load(ticketed.community!)!;
  recordMovement(event, community, "TicketSales", "In", community.mrkToken, event.params.paid, event.params.buyer);
  refreshBalances(community);
  community.save();
}

function move(eventId: BigInt, from: Address, to: Address, value: BigInt): void {
  let ticketed = CommunityEvent.load(eventId.toString());
  if (ticketed == null) return;
  if (!from.equals(Address.zero())) adjust(ticketed, from, value.neg());
  if (!to.equals(Address.zero())) adjust(ticketed, to, value);
}

function adjust(ticketed: CommunityEvent, holder: Address, delta: BigInt): void {
  let id = ticketed.id + "-" + holder.toHexString();
  let holding = TicketHolding.load(id);
  if (holding == null) {
    holding = new TicketHolding(id);
    holding.event = ticketed.id;
    holding.holder = holder;
    holding.balance = BigInt.zero();
  }
  holding.balance = holding.balance.plus(delta);
  holding.save();
}

/** ERC-1155 `TransferSingle`: sales (mints) and transfers of one event's tickets. */
export function handleTransferSingle(event: TransferSingle): void {
  move(event.params.id, event.params.from, event.params.to, event.params.value);
}

/** ERC-1155 `TransferBatch`: the same for several events at once. */
export function handleTransferBatch(event: TransferBatch): void {
  let ids = event.params.ids;
  let values = event.params.values;
  for (let i = 0; i < ids.length && i < values.length; i++) move(ids[i], event.params.from, event.params.to, values[i]);
}
