// AssemblyScript mapping of the compatibility test subgraph. Kept as .as so the repository's
// TypeScript tooling skips it; subgraphBuilds.ts copies it to mapping.ts in a build folder under
// node_modules/.cache and runs graph codegen + graph build there.

import {
  Address,
  BigDecimal,
  BigInt,
  Bytes,
  DataSourceContext,
  Entity,
  Value,
  dataSource,
  ethereum,
  store,
} from "@graphprotocol/graph-ts";
import {
  ChildCreated,
  CompatProbe,
  CompatProbe__echoItemInputItemStruct,
  Everything as EverythingEvent,
  IndexedDynamic as IndexedDynamicEvent,
  Tagged,
  Text,
} from "./generated/CompatProbe/CompatProbe";
import { Ping as PingEvent } from "./generated/templates/CompatChild/CompatChild";
import { CompatChild } from "./generated/templates";
import {
  Child,
  Creation,
  Everything,
  IndexedDynamic,
  Ping,
  Stats,
  TaggedSeen,
  TextSeen,
  BlockSeen,
} from "./generated/schema";

// Module-level values: computed by host functions while _start() runs.
const MODULE_CONSTANT = BigDecimal.fromString("12.5");
const MODULE_ADDRESS = Address.fromString("0x0000000000000000000000000000000000000abc");

function count(kind: string): void {
  let stats = Stats.load(kind);
  if (stats == null) {
    stats = new Stats(kind);
    stats.count = 0;
  }
  stats.count = stats.count + 1;
  stats.save();
}

export function handleEverything(event: EverythingEvent): void {
  let row = new Everything(event.transaction.hash.concatI32(event.logIndex.toI32()));
  let p = event.params;
  row.small = p.small;
  row.signedValue = p.signedValue;
  row.selector = p.selector;
  row.word = p.word;
  let addrs = new Array<Bytes>();
  for (let i = 0; i < p.addrs.length; i++) addrs.push(p.addrs[i]);
  row.addrs = addrs;
  row.fixedArr = p.fixedArr;
  row.itemId = p.item.id;
  row.itemLabel = p.item.label;
  row.itemData = p.item.data;
  row.text = p.text;
  row.blob = p.blob;
  row.flag = p.flag;
  row.tiny = p.tiny;

  let tuple = new ethereum.Tuple();
  tuple.push(ethereum.Value.fromUnsignedBigInt(p.item.id));
  tuple.push(ethereum.Value.fromString(p.item.label));
  tuple.push(ethereum.Value.fromBytes(p.item.data));
  let encoded = ethereum.encode(ethereum.Value.fromTuple(tuple));
  row.encodedItem = encoded;
  if (encoded !== null) {
    let decoded = ethereum.decode("(uint256,string,bytes)", encoded);
    row.roundTripLabel = decoded === null ? null : decoded.toTuple()[1].toString();
  }

  let probe = CompatProbe.bind(event.address);
  let echoed = probe.try_echoItem(changetype<CompatProbe__echoItemInputItemStruct>(tuple));
  row.echoedLabel = echoed.reverted ? null : echoed.value.label;
  // A 4-byte value for a bytes32 input: graph-node pads it on the right.
  let word = probe.try_echoWord(Bytes.fromHexString("0xdeadbeef"));
  row.echoedWord = word.reverted ? null : word.value;
  let sum = probe.try_sum([-5, 300, 7]);
  row.sum = sum.reverted ? null : sum.value;
  row.revertedCallIsNull = probe.try_alwaysReverts().reverted;
  row.moduleConstant = MODULE_CONSTANT;
  row.moduleAddress = MODULE_ADDRESS;
  row.save();
  count("event");
}

export function handleIndexedDynamic(event: IndexedDynamicEvent): void {
  let row = new IndexedDynamic(event.transaction.hash.concatI32(event.logIndex.toI32()));
  row.labelHash = event.params.label;
  row.blobHash = event.params.blob;
  row.listHash = event.params.list;
  row.plain = event.params.plain;
  row.save();
  count("event");
}

export function handleTagged(event: Tagged): void {
  let row = new TaggedSeen(event.transaction.hash.concatI32(event.logIndex.toI32()));
  row.tag = event.params.tag;
  row.value = event.params.value;
  row.save();
  count("event");
}

export function handleText(event: Text): void {
  let row = new TextSeen("latest");
  row.text = event.params.text;
  row.length = event.params.text.length;
  row.save();
  // Two rows with generated ids, as newer graph tooling writes them.
  for (let i = 0; i < 2; i++) {
    let auto = new Entity();
    auto.set("block", Value.fromBigInt(event.block.number));
    store.set("AutoRow", "auto", auto);
    let bytes = new Entity();
    bytes.set("block", Value.fromBigInt(event.block.number));
    store.set("AutoKey", "auto", bytes);
  }
  count("event");
}

export function handleChildCreated(event: ChildCreated): void {
  let child = new Child(event.params.child);
  child.name = event.params.name;
  child.createdAtBlock = event.block.number;
  child.contextLabel = "";
  child.pingCount = 0;
  child.save();
  let receipt = event.receipt;
  let creation = new Creation(event.transaction.hash.concatI32(event.logIndex.toI32()));
  creation.child = event.params.child;
  creation.receiptLogs = receipt == null ? -1 : receipt.logs.length;
  creation.receiptStatus = receipt == null ? BigInt.fromI32(-1) : receipt.status;
  creation.gasUsed = receipt == null ? BigInt.zero() : receipt.gasUsed;
  creation.save();
  let context = new DataSourceContext();
  context.setString("label", "child:" + event.params.name);
  CompatChild.createWithContext(event.params.child, context);
  count("event");
}

export function handleEveryBlock(block: ethereum.Block): void {
  recordBlock("every", block);
}

export function handlePollingBlock(block: ethereum.Block): void {
  recordBlock("polling", block);
}

export function handleOnceBlock(block: ethereum.Block): void {
  recordBlock("once", block);
}

function recordBlock(kind: string, block: ethereum.Block): void {
  let row = new BlockSeen(kind + "-" + block.number.toString());
  row.kind = kind;
  row.number = block.number;
  row.hash = block.hash;
  row.save();
  count(kind);
}

// ---- the CompatChild template --------------------------------------------------------------

export function handlePing(event: PingEvent): void {
  let child = Child.load(dataSource.address());
  if (child == null) {
    assert(false, "a ping from a child the factory did not announce");
    return;
  }
  child.contextLabel = dataSource.context().getString("label");
  child.pingCount = child.pingCount + 1;
  child.save();
  let ping = new Ping(event.transaction.hash.concatI32(event.logIndex.toI32()));
  ping.child = child.id;
  ping.n = event.params.n;
  ping.from = event.params.from;
  ping.relatedCount = child.pings.load().length;
  ping.save();
  count("event");
}

export function handleChildOnce(block: ethereum.Block): void {
  let child = Child.load(dataSource.address());
  if (child != null) {
    child.firstBlockSeen = block.number;
    child.save();
  }
  count("once");
}
