// AssemblyScript mapping of the probe test subgraph. Kept as .as so the repository's TypeScript
// tooling skips it; subgraphBuilds.ts copies it to mapping.ts in a build folder under
// node_modules/.cache and runs graph codegen + graph build there.

import { Address, BigDecimal, BigInt, Bytes, Entity, Value, crypto, ethereum, ipfs, json, store } from "@graphprotocol/graph-ts";
import { UnitContentSet, UnitRegistry } from "./generated/UnitRegistry/UnitRegistry";
import { Counter, Note } from "./generated/schema";

// Module-level state: graph-node gives every trigger a fresh instance, so this is always 1.
let triggersSeen: i32 = 0;

export function handleUnitContentSet(event: UnitContentSet): void {
  triggersSeen = triggersSeen + 1;
  let cid = event.params.cid;
  if (cid == "abort") {
    assert(false, "the probe was told to abort");
  }
  if (cid == "undefined-field") {
    let entity = new Entity();
    entity.set("id", Value.fromString("x"));
    entity.set("count", Value.fromI32(1));
    entity.set("notes", Value.fromStringArray([]));
    entity.set("colour", Value.fromString("red"));
    store.set("Counter", "x", entity);
    return;
  }
  if (cid == "missing-field") {
    let entity = new Entity();
    entity.set("id", Value.fromString("y"));
    store.set("Counter", "y", entity);
    return;
  }
  if (cid == "remove") {
    store.remove("Counter", "kept");
    return;
  }
  if (cid == "ipfs-cat") {
    // Linked, as in graph-node, and deterministically failing when called.
    ipfs.cat("QmPZ9gcCEpqKTo6aq61g2nXGUhM4iCL3ewB6LDXZCtioEB");
    return;
  }
  if (cid == "bad-address") {
    // Host-function misuse: graph-node fails the handler.
    Address.fromString("not an address");
    return;
  }

  let note = new Note(event.transaction.hash.concatI32(event.logIndex.toI32()));
  if (cid == "dup-note") {
    // The same immutable id in two blocks: the database's unique index refuses the second.
    note = new Note(Bytes.fromHexString("0xd0d0"));
  }
  note.cid = cid;
  note.unitId = event.params.unitId;
  let registry = UnitRegistry.bind(event.address);
  let onChain = registry.try_contentOf(event.params.unitId);
  note.onChainCid = onChain.reverted ? null : onChain.value;
  note.editorBalance = ethereum.getBalance(event.params.editor);
  if (cid == "huge-bigint") {
    // 2^522240: past the 435,412 bits graph-node (and Postgres numeric) allow.
    let x = BigInt.fromI32(2).pow(255);
    for (let i = 0; i < 11; i++) x = x.times(x);
    note.editorBalance = x;
  }
  if (cid == "lone-surrogate") {
    note.cid = String.fromCharCode(0xd800);
  }
  note.registryHasCode = ethereum.hasCode(event.address).inner;
  note.keccak = Bytes.fromByteArray(crypto.keccak256(Bytes.fromUTF8(cid)));
  note.ratio = BigDecimal.fromString("10").div(BigDecimal.fromString("4"));
  let parsed = json.try_fromString('{"answer": 123456789012345678901234567890}');
  note.jsonAnswer = parsed.isOk ? parsed.value.toObject().mustGet("answer").toBigInt() : null;
  note.tags = ["a", cid];
  note.triggersSeenByInstance = triggersSeen;
  note.save();

  let counter = Counter.load(cid);
  if (counter == null) {
    counter = new Counter(cid);
    counter.count = 0;
    counter.notes = [];
  }
  counter.count = counter.count + 1;
  let notes = counter.notes;
  notes.push(note.id);
  counter.notes = notes;
  counter.save();
  let fromBlock = store.get_in_block("Counter", cid);
  if (fromBlock == null) {
    assert(false, "get_in_block did not see the counter written in this block");
  }
}
