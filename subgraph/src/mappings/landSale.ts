import { LandPaid } from "../../generated/UnitSale/UnitSale";
import { LandPayment } from "../../generated/schema";
import { getOrCreateAccount } from "../helpers/accounts";
import { eventId } from "../helpers/events";

const KINDS = ["Unit", "Floor", "Building", "Rooms", "Storage"];

/** `LandPaid` of UnitSale and FloorSale (the same event in both ABIs). */
export function handleLandPaid(event: LandPaid): void {
  let account = getOrCreateAccount(event.params.payer, event.block.number);
  account.save();
  let payment = new LandPayment(eventId(event));
  payment.payer = account.id;
  let kind = event.params.kind;
  payment.kind = kind < 5 ? KINDS[kind] : "Unit";
  payment.unitId = event.params.unitId;
  payment.amount = event.params.amount;
  payment.toTreasury = event.params.toTreasury;
  payment.toRenderingFund = event.params.toRenderingFund;
  payment.blockNumber = event.block.number;
  payment.blockTimestamp = event.block.timestamp;
  payment.transactionHash = event.transaction.hash;
  payment.save();
}
