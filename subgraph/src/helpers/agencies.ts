import { Address, BigInt } from "@graphprotocol/graph-ts";
import { Agency } from "../../generated/schema";

/** The agency entity of `address`, created with zeroed earnings the first time an order or listing names it. */
export function getOrCreateAgency(address: Address): Agency {
  let agency = Agency.load(address);
  if (agency == null) {
    agency = new Agency(address);
    agency.saleCount = 0;
    agency.saleEarnings = BigInt.zero();
    agency.rentEarnings = BigInt.zero();
    agency.totalEarnings = BigInt.zero();
  }
  return agency;
}
