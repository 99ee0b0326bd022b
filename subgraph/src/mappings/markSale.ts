import { BigInt, Bytes, dataSource, ethereum } from "@graphprotocol/graph-ts";
import {
  MarkSale,
  ProceedsWithdrawn,
  SaleFinalized,
  StageFilled,
  TokensClaimed,
  TokensPurchased,
} from "../../generated/MarkSale/MarkSale";
import { Fund, ProceedsWithdrawal, Sale, SalePurchase, SaleStage } from "../../generated/schema";
import { getOrCreateAccount } from "../helpers/accounts";
import { eventId } from "../helpers/events";

const MRK: BigInt = BigInt.fromString("1000000000000000000");

/** Stage sizes (MRK) and discounts (basis points) of the whitepaper's table; prices follow. */
const STAGE_SIZES: i32[] = [250_000_000, 250_000_000, 200_000_000, 170_000_000, 100_000_000];
const STAGE_DISCOUNTS: i32[] = [4000, 2000, 1500, 1000, 0];
/** 0.10 USD with 18 decimals. */
const BASE_PRICE_USD: BigInt = BigInt.fromString("100000000000000000");

function stageId(sale: Bytes, index: i32): Bytes {
  return sale.concatI32(index);
}

/** Runs once, at the sale's deployment block: the sale, its five stages and its genesis fund. */
export function initializeSale(block: ethereum.Block): void {
  let address = dataSource.address();
  let contract = MarkSale.bind(address);
  let sale = new Sale(address);
  sale.opensAt = contract.opensAt();
  sale.closesAt = contract.closesAt();
  sale.tokensReleaseAt = contract.tokensReleaseAt();
  sale.cap = contract.CAP();
  sale.sold = BigInt.zero();
  sale.tokensLeft = sale.cap;
  sale.weiRaised = BigInt.zero();
  sale.usdRaised = BigInt.zero();
  sale.currentStage = 0;
  sale.purchaseCount = 0;
  sale.unclaimed = BigInt.zero();
  sale.finalized = false;
  sale.save();
  for (let i = 0; i < STAGE_SIZES.length; i++) {
    let stage = new SaleStage(stageId(address, i));
    stage.sale = address;
    stage.index = i;
    stage.discountBps = STAGE_DISCOUNTS[i];
    stage.priceUsd = BASE_PRICE_USD.times(BigInt.fromI32(10000 - STAGE_DISCOUNTS[i])).div(BigInt.fromI32(10000));
    stage.size = BigInt.fromI32(STAGE_SIZES[i]).times(MRK);
    stage.sold = BigInt.zero();
    stage.left = stage.size;
    stage.save();
  }
  // The token sale fund is held by the sale: its release time is the buyers' release time.
  let fund = Fund.load(address);
  if (fund != null) {
    fund.releaseAt = sale.tokensReleaseAt;
    fund.save();
  }
}

/** `TokensPurchased`: the purchase, the sale's totals and the stages the tokens came from. */
export function handleTokensPurchased(event: TokensPurchased): void {
  let sale = Sale.load(event.address);
  if (sale == null) return;
  let buyer = getOrCreateAccount(event.params.buyer, event.block.number);
  let claimable = event.block.timestamp.lt(sale.tokensReleaseAt);
  if (claimable) {
    buyer.saleClaimable = buyer.saleClaimable.plus(event.params.tokens);
    sale.unclaimed = sale.unclaimed.plus(event.params.tokens);
  }
  buyer.save();

  let purchase = new SalePurchase(eventId(event));
  purchase.sale = sale.id;
  purchase.buyer = buyer.id;
  purchase.tokens = event.params.tokens;
  purchase.weiPaid = event.params.weiPaid;
  purchase.usdValue = event.params.usdValue;
  purchase.ethUsdPrice = event.params.price;
  purchase.firstStage = event.params.firstStage;
  purchase.lastStage = event.params.lastStage;
  purchase.claimable = claimable;
  purchase.blockNumber = event.block.number;
  purchase.blockTimestamp = event.block.timestamp;
  purchase.transactionHash = event.transaction.hash;
  purchase.save();

  // Walk the stages from the old position, exactly as the contract fills them.
  let remaining = event.params.tokens;
  for (let i = event.params.firstStage; i <= event.params.lastStage && remaining.gt(BigInt.zero()); i++) {
    let stage = SaleStage.load(stageId(sale.id, i))!;
    let take = remaining.lt(stage.left) ? remaining : stage.left;
    stage.sold = stage.sold.plus(take);
    stage.left = stage.left.minus(take);
    stage.save();
    remaining = remaining.minus(take);
  }
  sale.sold = sale.sold.plus(event.params.tokens);
  sale.tokensLeft = sale.cap.minus(sale.sold);
  sale.weiRaised = sale.weiRaised.plus(event.params.weiPaid);
  sale.usdRaised = sale.usdRaised.plus(event.params.usdValue);
  sale.purchaseCount = sale.purchaseCount + 1;
  let current = event.params.lastStage as i32;
  let last = SaleStage.load(stageId(sale.id, current))!;
  sale.currentStage = last.left.isZero() ? current + 1 : current;
  sale.save();
}

/** `StageFilled`: the stage sold out in this block. */
export function handleStageFilled(event: StageFilled): void {
  let stage = SaleStage.load(stageId(event.address, event.params.stage));
  if (stage == null) return;
  stage.filledAtBlock = event.block.number;
  stage.save();
}

/** `TokensClaimed`: a buyer took the tokens bought before the release time. */
export function handleTokensClaimed(event: TokensClaimed): void {
  let sale = Sale.load(event.address);
  if (sale == null) return;
  let account = getOrCreateAccount(event.params.account, event.block.number);
  account.saleClaimable = account.saleClaimable.minus(event.params.tokens);
  account.save();
  sale.unclaimed = sale.unclaimed.minus(event.params.tokens);
  sale.save();
}

/** `SaleFinalized`: where the unsold tokens went. */
export function handleSaleFinalized(event: SaleFinalized): void {
  let sale = Sale.load(event.address);
  if (sale == null) return;
  sale.finalized = true;
  sale.toRenderingFund = event.params.toRenderingFund;
  sale.toTreasury = event.params.toTreasury;
  sale.save();
}

/** `ProceedsWithdrawn`: one purpose's payee pulled its share of the ETH. */
export function handleProceedsWithdrawn(event: ProceedsWithdrawn): void {
  let withdrawal = new ProceedsWithdrawal(eventId(event));
  withdrawal.sale = event.address;
  withdrawal.purpose = event.params.purpose;
  withdrawal.payee = event.params.payee;
  withdrawal.amount = event.params.amount;
  withdrawal.blockNumber = event.block.number;
  withdrawal.blockTimestamp = event.block.timestamp;
  withdrawal.transactionHash = event.transaction.hash;
  withdrawal.save();
}
