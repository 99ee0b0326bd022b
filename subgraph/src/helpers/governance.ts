import { Address, BigInt } from "@graphprotocol/graph-ts";
import { Governance } from "../../generated/schema";

/** Id of the one `Governance` entity. */
export const GOVERNANCE_ID = "platform";

/** The platform's governance entity; zeroed until the governor's deployment block fills it in. */
export function getOrCreateGovernance(): Governance {
  let governance = Governance.load(GOVERNANCE_ID);
  if (governance == null) {
    governance = new Governance(GOVERNANCE_ID);
    governance.governor = Address.zero();
    governance.timelock = Address.zero();
    governance.votingDelay = BigInt.zero();
    governance.votingPeriod = BigInt.zero();
    governance.timelockDelay = BigInt.zero();
    governance.proposalThreshold = BigInt.zero();
    governance.quorumNumerator = BigInt.zero();
    governance.wrappedSupply = BigInt.zero();
    governance.proposalCount = 0;
  }
  return governance;
}
