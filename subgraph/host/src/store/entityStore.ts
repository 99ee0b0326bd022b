/**
 * The entity cache handlers work against, layered like graph-node's `EntityCache`:
 *
 *   block    — operations of the block being handled (update / overwrite / remove); dropped
 *              whole if a handler fails
 *   pending  — final versions of finished blocks that are not in the database yet
 *   cache    — a bounded LRU of committed current versions (and known absences)
 *   database — everything else: a miss is one indexed lookup
 *
 * Memory stays flat however many entities the subgraph has: only the cache (a fixed number of
 * entries) and the pending versions (flushed by the indexer past a threshold) live in memory.
 *
 * `store.set` records an update without reading the stored version when the data is a valid
 * entity on its own (as generated `save()` calls are), like graph-node; the merge with the stored
 * version happens when the block finishes, with one batched lookup per entity type. Immutable
 * entities are never looked up: a duplicate is caught by the database's unique index. A set that
 * changes nothing writes no new version.
 */
import { MappingError } from "../errors.ts";
import { concreteTypes, type EntityDef, type FieldDef, type SchemaModel } from "../schema/model.ts";
import type { StoreAccess } from "../runtime/context.ts";
import type { Database } from "./database.ts";
import { IdFilter } from "./idFilter.ts";
import { LruCache } from "./lruCache.ts";
import { checkSetFields, validateEntity } from "./validate.ts";
import { bytesToHex, hexToBytes, valuesEqual, type Entity, type StoreValue } from "./values.ts";

/** One entity's change in a finished block. `prevExists`: a current version existed before it. */
export type EntityChange = { type: string; key: string; entity: Entity | null; prevExists: boolean };
export type BlockChanges = { block: number; changes: EntityChange[] };

type Op = { kind: "update"; data: Entity } | { kind: "overwrite"; data: Entity } | { kind: "remove" };

export type EntityStoreOptions = {
  /** Committed entities (and known absences) kept in memory. */
  cacheSize?: number;
  /** Size of each entity type's id filter, as a power of two bits (23: 1 MiB). */
  idFilterLog2Bits?: number;
};

const DEFAULT_CACHE_SIZE = 10_000;

export class EntityStore implements StoreAccess {
  private readonly schema: SchemaModel;
  private readonly db: Database;
  private readonly cache: LruCache<string, Entity | null>;
  /** Per type: every id ever committed (Bloom filter), so most absent ids need no query. */
  private readonly ids = new Map<string, IdFilter>();
  /** The filters answer only once `loadIds` filled them from the database. */
  private idsLoaded = false;
  private pendingBlocks: BlockChanges[] = [];
  private pendingLatest = new Map<string, Map<string, Entity | null>>();
  private pendingCount = 0;
  private block = new Map<string, Map<string, Op>>();
  private blockNumber = -1;
  private idSequence = 0;

  constructor(schema: SchemaModel, db: Database, options: EntityStoreOptions = {}) {
    this.schema = schema;
    this.db = db;
    this.cache = new LruCache(options.cacheSize ?? DEFAULT_CACHE_SIZE);
    for (const name of schema.entities.keys()) this.ids.set(name, new IdFilter(options.idFilterLog2Bits));
  }

  /** Fills the id filters from the database (once, before indexing). */
  async loadIds(): Promise<void> {
    for (const def of this.schema.entities.values()) {
      const filter = this.ids.get(def.name)!;
      await this.db.forEachId(def, (key) => filter.add(key));
    }
    this.idsLoaded = true;
  }

  // ---- block lifecycle (called by the indexer) ------------------------------------------------

  beginBlock(number: number): void {
    this.block = new Map();
    this.blockNumber = number;
    this.idSequence = 0;
  }

  discardBlock(): void {
    this.block = new Map();
  }

  /** Turns the block's operations into pending versions (merging with stored versions as needed). */
  async commitBlock(): Promise<void> {
    const loaded = new Map<string, Map<string, Entity | null>>();
    for (const [type, ops] of this.block) {
      const def = this.entityDef(type);
      const missing: string[] = [];
      for (const [key, op] of ops) {
        // Immutable entities set in this block are new by contract; a duplicate fails on insert.
        if (def.immutable && op.kind !== "remove") continue;
        if (this.knownBase(type, key) === undefined) missing.push(key);
      }
      if (missing.length) loaded.set(type, await this.loadMany(def, missing));
    }
    const changes: EntityChange[] = [];
    for (const [type, ops] of this.block) {
      for (const [key, op] of ops) {
        const known = this.knownBase(type, key);
        const base = known !== undefined ? known : (loaded.get(type)?.get(key) ?? null);
        const entity = op.kind === "remove" ? null : op.kind === "overwrite" ? op.data : mergeEntity(base, op.data);
        if (entity === null && base === null) continue;
        if (entity && base && entitiesEqual(entity, base)) continue;
        changes.push({ type, key, entity, prevExists: base !== null });
        let latest = this.pendingLatest.get(type);
        if (!latest) this.pendingLatest.set(type, (latest = new Map()));
        latest.set(key, entity);
      }
    }
    if (changes.length) {
      this.pendingBlocks.push({ block: this.blockNumber, changes });
      this.pendingCount += changes.length;
    }
    this.block = new Map();
  }

  /** Entity versions waiting for the database. */
  pendingVersions(): number {
    return this.pendingCount;
  }

  /** The finished blocks' changes, oldest first (the indexer commits them). */
  pending(): readonly BlockChanges[] {
    return this.pendingBlocks;
  }

  /** The first `blocks` pending blocks are in the database: they become the committed state. */
  markCommitted(blocks = this.pendingBlocks.length): void {
    const committed = this.pendingBlocks.splice(0, blocks);
    for (const { changes } of committed) {
      for (const change of changes) {
        this.cache.set(cacheKey(change.type, change.key), change.entity);
        if (change.entity) this.ids.get(change.type)!.add(change.key);
      }
      this.pendingCount -= changes.length;
    }
    this.pendingLatest = new Map();
    for (const { changes } of this.pendingBlocks) {
      for (const change of changes) {
        let latest = this.pendingLatest.get(change.type);
        if (!latest) this.pendingLatest.set(change.type, (latest = new Map()));
        latest.set(change.key, change.entity);
      }
    }
  }

  /** Forgets pending versions (their blocks will be processed again). */
  dropPending(): void {
    this.pendingBlocks = [];
    this.pendingLatest = new Map();
    this.pendingCount = 0;
  }

  /** Forgets everything in memory (after a revert rewrote the database). */
  reset(): void {
    this.dropPending();
    this.cache.clear();
    this.block = new Map();
  }

  // ---- host functions ---------------------------------------------------------------------------

  get(type: string, id: string): Entity | null | Promise<Entity | null> {
    const def = this.entityDef(type);
    const key = this.key(def, id);
    const op = this.block.get(type)?.get(key);
    if (op?.kind === "remove") return null;
    if (op?.kind === "overwrite") return op.data;
    const base = this.knownBase(type, key);
    if (base !== undefined) return op ? mergeEntity(base, op.data) : base;
    return this.loadOne(def, key).then((loaded) => (op ? mergeEntity(loaded, op.data) : loaded));
  }

  getInBlock(type: string, id: string): Entity | null {
    const def = this.entityDef(type);
    const op = this.block.get(type)?.get(this.key(def, id));
    if (!op || op.kind === "remove") return null;
    return op.kind === "overwrite" ? op.data : withoutNulls(op.data);
  }

  /** Takes ownership of `data` (the host builds it for this call). */
  set(type: string, id: string, data: Entity): void | Promise<void> {
    const def = this.entityDef(type);
    const entityId = id === "auto" ? this.generateId(def) : id;
    checkSetFields(def, entityId, data);
    const idValue = idToValue(def, entityId);
    const given = data.get("id");
    // With "auto" the generated id replaces whatever the data held, as in graph-node.
    if (id !== "auto" && given && given.kind !== "Null" && !valuesEqual(given, idValue))
      throw new MappingError(
        "ENTITY_INVALID",
        `Value of ${type} attribute 'id' conflicts with ID passed to \`store.set()\`: ${entityId} != ${describeId(given)}`,
      );
    const key = this.key(def, entityId);
    let ops = this.block.get(type);
    if (!ops) this.block.set(type, (ops = new Map()));
    const previous = ops.get(key);
    if (def.immutable && !previous && this.knownBase(type, key))
      throw new MappingError(
        "ENTITY_INVALID",
        `Entity ${type}[${entityId}] is immutable and already exists; immutable entities cannot be updated`,
      );
    // `data` was built for this call (readEntity): it becomes the operation without a copy.
    const update = data;
    update.set("id", idValue);
    let next: Op;
    if (!previous) next = { kind: "update", data: update };
    else if (previous.kind === "remove") next = { kind: "overwrite", data: withoutNulls(update) };
    else {
      for (const [field, value] of update) previous.data.set(field, value);
      next = previous.kind === "overwrite" ? { kind: "overwrite", data: withoutNulls(previous.data) } : previous;
    }
    ops.set(key, next);
    // A whole entity by itself (what generated `save()` writes) needs no stored version.
    if (next.kind === "overwrite") return validateEntity(this.schema, def, entityId, next.data);
    if (isValid(this.schema, def, entityId, next.data)) return;
    // Not a whole entity by itself: it must be valid merged with the stored version.
    const base = this.knownBase(type, key);
    if (base !== undefined) return validateEntity(this.schema, def, entityId, mergeEntity(base, next.data));
    return this.loadOne(def, key).then((loaded) =>
      validateEntity(this.schema, def, entityId, mergeEntity(loaded, next.data)),
    );
  }

  remove(type: string, id: string): void {
    const def = this.entityDef(type);
    const key = this.key(def, id);
    let ops = this.block.get(type);
    if (def.immutable && !ops?.has(key) && this.knownBase(type, key))
      throw new MappingError(
        "ENTITY_INVALID",
        `Entity ${type}[${id}] is immutable; immutable entities cannot be removed`,
      );
    if (!ops) this.block.set(type, (ops = new Map()));
    ops.set(key, { kind: "remove" });
  }

  async loadRelated(type: string, id: string, fieldName: string): Promise<Entity[]> {
    const def = this.entityDef(type);
    const field = def.fields.get(fieldName);
    if (!field || field.category !== "entity")
      throw new MappingError("ENTITY_INVALID", `Entity ${type} has no relation field \`${fieldName}\``);
    // An interface-typed field may point at any of its implementers (ids are unique across them).
    const childDefs = concreteTypes(this.schema, field.typeName);
    if (!field.derivedFrom) {
      // A stored reference: the referenced entities themselves.
      const parent = await this.get(type, id);
      const value = parent?.get(fieldName);
      const ids = value?.kind === "Array" ? value.value : value ? [value] : [];
      const out: Entity[] = [];
      for (const ref of ids) {
        for (const childDef of childDefs) {
          const found = await this.get(childDef.name, valueKey(ref));
          if (found) {
            out.push(found);
            break;
          }
        }
      }
      return out;
    }
    const parentKey = this.key(def, id);
    const out: Entity[] = [];
    for (const childDef of childDefs) {
      const back = childDef.fields.get(field.derivedFrom);
      if (!back) continue;
      out.push(...(await this.derivedOf(childDef, back, parentKey)));
    }
    return out;
  }

  /** Current `child` entities whose `back` reference holds `parentKey`, pending writes included. */
  private async derivedOf(childDef: EntityDef, back: FieldDef, parentKey: string): Promise<Entity[]> {
    const childType = childDef.name;
    const found = new Map(await this.db.loadDerived(childDef, back, parentKey));
    // Overlay what the database does not know yet: pending versions, then this block's operations.
    const refersToParent = (child: Entity | null) => {
      const ref = child?.get(back.name);
      if (!ref) return false;
      return (ref.kind === "Array" ? ref.value : [ref]).some((r) => valueKey(r) === parentKey);
    };
    for (const [key, child] of this.pendingLatest.get(childType) ?? []) {
      if (refersToParent(child)) found.set(key, child!);
      else found.delete(key);
    }
    for (const key of this.block.get(childType)?.keys() ?? []) {
      const child = await this.get(childType, key);
      if (refersToParent(child)) found.set(key, child!);
      else found.delete(key);
    }
    return [...found.values()];
  }

  // ---- internals ------------------------------------------------------------------------------

  /** The latest finished version (pending, else committed and cached); `undefined` when unknown. */
  private knownBase(type: string, key: string): Entity | null | undefined {
    const latest = this.pendingLatest.get(type);
    if (latest?.has(key)) return latest.get(key)!;
    const cached = this.cache.get(cacheKey(type, key));
    if (cached !== undefined) return cached;
    return this.idsLoaded && !this.ids.get(type)!.mightContain(key) ? null : undefined;
  }

  private async loadOne(def: EntityDef, key: string): Promise<Entity | null> {
    return (await this.loadMany(def, [key])).get(key) ?? null;
  }

  /** Current versions from the database, remembered in the cache (absences too). */
  private async loadMany(def: EntityDef, keys: string[]): Promise<Map<string, Entity | null>> {
    const rows = await this.db.getCurrent(def, keys);
    const out = new Map<string, Entity | null>();
    for (const key of keys) {
      const entity = rows.get(key) ?? null;
      out.set(key, entity);
      this.cache.set(cacheKey(def.name, key), entity);
    }
    return out;
  }

  private entityDef(type: string): EntityDef {
    const def = this.schema.entities.get(type);
    if (!def) throw new MappingError("ENTITY_INVALID", `Entity type \`${type}\` is not defined in the schema`);
    return def;
  }

  private key(def: EntityDef, id: string): string {
    return def.idType === "Bytes" ? id.toLowerCase() : id;
  }

  /** graph-node's generated ids: the block number in the high 32 bits, a per-block sequence below. */
  private generateId(def: EntityDef): string {
    if (def.idType === "String")
      throw new MappingError(
        "ENTITY_INVALID",
        `Entity ${def.name}: the id "auto" needs an id of type Bytes or Int8; String does not support generating ids`,
      );
    const value = (BigInt(this.blockNumber) << 32n) | BigInt(this.idSequence++);
    return def.idType === "Int8" ? value.toString() : `0x${value.toString(16).padStart(16, "0")}`;
  }
}

function cacheKey(type: string, key: string): string {
  return `${type}\u0000${key}`;
}

function withoutNulls(entity: Entity): Entity {
  const out: Entity = new Map();
  for (const [field, value] of entity) if (value.kind !== "Null") out.set(field, value);
  return out;
}

/** `update` applied to `base`: its values win, its `Null`s remove fields. */
function mergeEntity(base: Entity | null, update: Entity): Entity {
  const out: Entity = base ? new Map(base) : new Map();
  for (const [field, value] of update) {
    if (value.kind === "Null") out.delete(field);
    else out.set(field, value);
  }
  return out;
}

function entitiesEqual(a: Entity, b: Entity): boolean {
  if (a.size !== b.size) return false;
  for (const [field, value] of a) {
    const other = b.get(field);
    if (!other || !valuesEqual(value, other)) return false;
  }
  return true;
}

function isValid(schema: SchemaModel, def: EntityDef, id: string, entity: Entity): boolean {
  try {
    validateEntity(schema, def, id, entity);
    return true;
  } catch {
    return false;
  }
}

function idToValue(def: EntityDef, id: string): StoreValue {
  if (def.idType === "Bytes") {
    try {
      return { kind: "Bytes", value: hexToBytes(id) };
    } catch {
      throw new MappingError(
        "ENTITY_INVALID",
        `Entity ${def.name}: id "${id}" is not a hex string, but the id type is Bytes`,
      );
    }
  }
  if (def.idType === "Int8") {
    if (!/^-?\d+$/.test(id) || BigInt(id) !== BigInt.asIntN(64, BigInt(id)))
      throw new MappingError("ENTITY_INVALID", `Entity ${def.name}: id "${id}" is not an Int8`);
    return { kind: "Int8", value: BigInt(id) };
  }
  return { kind: "String", value: id };
}

/** The store key of a reference value. */
function valueKey(value: StoreValue): string {
  if (value.kind === "Bytes") return bytesToHex(value.value);
  if (value.kind === "String") return value.value;
  if (value.kind === "Int8" || value.kind === "Int") return String(value.value);
  return "";
}

function describeId(value: StoreValue): string {
  return valueKey(value) || value.kind;
}
