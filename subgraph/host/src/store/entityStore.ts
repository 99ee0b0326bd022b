/**
 * The entity cache handlers work against, layered like graph-node's `EntityCache`:
 *
 *   current  — the latest committed version of every entity (loaded from the database at start,
 *              so `store.get` never waits on I/O)
 *   pending  — versions written by blocks that finished but are not committed yet
 *   block    — writes of the block being handled; dropped whole if a handler fails
 *
 * `store.set` merges with the visible version and validates the result against the schema.
 */
import { MappingError } from "../errors.ts";
import type { EntityDef, SchemaModel } from "../schema/model.ts";
import type { StoreAccess } from "../runtime/context.ts";
import { checkSetFields, validateEntity } from "./validate.ts";
import { hexToBytes, valuesEqual, type Entity, type StoreValue } from "./values.ts";

export type EntityVersion = { block: number; entity: Entity | null };
/** type → id → versions in block order (`null` = removed at that block). */
export type PendingVersions = Map<string, Map<string, EntityVersion[]>>;
export type CurrentState = Map<string, Map<string, Entity>>;

export class EntityStore implements StoreAccess {
  private readonly schema: SchemaModel;
  private current: CurrentState;
  private pending: PendingVersions = new Map();
  private block = new Map<string, Map<string, Entity | null>>();
  private blockNumber = -1;

  constructor(schema: SchemaModel, current: CurrentState) {
    this.schema = schema;
    this.current = current;
  }

  /** Replaces the committed state (after a revert reloads it from the database). */
  reset(current: CurrentState): void {
    this.current = current;
    this.pending = new Map();
    this.block = new Map();
  }

  beginBlock(number: number): void {
    this.block = new Map();
    this.blockNumber = number;
  }

  /** The block's writes become pending versions. */
  commitBlock(): void {
    for (const [type, changes] of this.block) {
      let byId = this.pending.get(type);
      if (!byId) this.pending.set(type, (byId = new Map()));
      for (const [id, entity] of changes) {
        const versions = byId.get(id);
        if (versions) versions.push({ block: this.blockNumber, entity });
        else byId.set(id, [{ block: this.blockNumber, entity }]);
      }
    }
    this.block = new Map();
  }

  discardBlock(): void {
    this.block = new Map();
  }

  hasPending(): boolean {
    return this.pending.size > 0;
  }

  /** Pending versions and, for each touched id, whether a committed version exists (to be closed). */
  takePending(): { versions: PendingVersions; existed: Map<string, Set<string>> } {
    const existed = new Map<string, Set<string>>();
    for (const [type, byId] of this.pending) {
      const committed = this.current.get(type);
      const set = new Set<string>();
      for (const id of byId.keys()) if (committed?.has(id)) set.add(id);
      existed.set(type, set);
    }
    return { versions: this.pending, existed };
  }

  /** Called once the pending versions are in the database. */
  markCommitted(versions: PendingVersions): void {
    for (const [type, byId] of versions) {
      let committed = this.current.get(type);
      if (!committed) this.current.set(type, (committed = new Map()));
      for (const [id, list] of byId) {
        const last = list[list.length - 1]!.entity;
        if (last) committed.set(id, last);
        else committed.delete(id);
      }
    }
    if (this.pending === versions) this.pending = new Map();
  }

  /** Drops pending versions (the commit failed). */
  dropPending(): void {
    this.pending = new Map();
  }

  private entityDef(type: string): EntityDef {
    const def = this.schema.entities.get(type);
    if (!def) throw new MappingError("ENTITY_INVALID", `Entity type \`${type}\` is not defined in the schema`);
    return def;
  }

  private key(def: EntityDef, id: string): string {
    return def.idType === "Bytes" ? id.toLowerCase() : id;
  }

  /** The visible version: this block's, else the newest pending, else the committed one. */
  private visible(type: string, key: string): Entity | null {
    const inBlock = this.block.get(type);
    if (inBlock?.has(key)) return inBlock.get(key)!;
    const versions = this.pending.get(type)?.get(key);
    if (versions) return versions[versions.length - 1]!.entity;
    return this.current.get(type)?.get(key) ?? null;
  }

  get(type: string, id: string): Entity | null {
    const def = this.entityDef(type);
    const found = this.visible(type, this.key(def, id));
    return found;
  }

  getInBlock(type: string, id: string): Entity | null {
    const def = this.entityDef(type);
    return this.block.get(type)?.get(this.key(def, id)) ?? null;
  }

  set(type: string, id: string, data: Entity): void {
    const def = this.entityDef(type);
    checkSetFields(def, id, data);
    const key = this.key(def, id);
    const idValue = idToValue(def, id);
    const given = data.get("id");
    if (given && given.kind !== "Null" && !valuesEqual(given, idValue))
      throw new MappingError(
        "ENTITY_INVALID",
        `Value of ${type} attribute 'id' conflicts with ID passed to \`store.set()\`: ${id} != ${describeId(given)}`,
      );
    const existing = this.visible(type, key);
    if (def.immutable && existing && !this.block.get(type)?.has(key))
      throw new MappingError(
        "ENTITY_INVALID",
        `Entity ${type}[${id}] is immutable and already exists; immutable entities cannot be updated`,
      );
    const merged: Entity = existing ? new Map(existing) : new Map();
    for (const [field, value] of data) {
      if (value.kind === "Null") merged.delete(field);
      else merged.set(field, value);
    }
    merged.set("id", idValue);
    validateEntity(this.schema, def, id, merged);
    let changes = this.block.get(type);
    if (!changes) this.block.set(type, (changes = new Map()));
    changes.set(key, merged);
  }

  remove(type: string, id: string): void {
    const def = this.entityDef(type);
    const key = this.key(def, id);
    if (def.immutable && this.visible(type, key) && !this.block.get(type)?.has(key))
      throw new MappingError(
        "ENTITY_INVALID",
        `Entity ${type}[${id}] is immutable; immutable entities cannot be removed`,
      );
    let changes = this.block.get(type);
    if (!changes) this.block.set(type, (changes = new Map()));
    changes.set(key, null);
  }

  loadRelated(type: string, id: string, fieldName: string): Entity[] {
    const def = this.entityDef(type);
    const field = def.fields.get(fieldName);
    if (!field || field.category !== "entity")
      throw new MappingError("ENTITY_INVALID", `Entity ${type} has no relation field \`${fieldName}\``);
    const childType = field.typeName;
    const childDef = this.entityDef(childType);
    const key = this.key(def, id);
    if (!field.derivedFrom) {
      // A stored reference: load the referenced entities themselves.
      const parent = this.visible(type, key);
      const value = parent?.get(fieldName);
      const ids = value?.kind === "Array" ? value.value : value ? [value] : [];
      return ids.flatMap((v) => {
        const found = this.visible(childType, this.key(childDef, valueKey(v)));
        return found ? [found] : [];
      });
    }
    const back = childDef.fields.get(field.derivedFrom)!;
    const out: Entity[] = [];
    for (const [childKey, child] of this.visibleEntries(childType)) {
      void childKey;
      const ref = child.get(back.name);
      if (!ref) continue;
      const refs = ref.kind === "Array" ? ref.value : [ref];
      if (refs.some((r) => valueKey(r) === key)) out.push(child);
    }
    return out;
  }

  /** Every visible entity of a type (committed, overlaid by pending and block writes). */
  private *visibleEntries(type: string): Iterable<[string, Entity]> {
    const keys = new Set<string>();
    for (const k of this.current.get(type)?.keys() ?? []) keys.add(k);
    for (const k of this.pending.get(type)?.keys() ?? []) keys.add(k);
    for (const k of this.block.get(type)?.keys() ?? []) keys.add(k);
    for (const k of keys) {
      const entity = this.visible(type, k);
      if (entity) yield [k, entity];
    }
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
    if (!/^-?\d+$/.test(id)) throw new MappingError("ENTITY_INVALID", `Entity ${def.name}: id "${id}" is not an Int8`);
    return { kind: "Int8", value: BigInt(id) };
  }
  return { kind: "String", value: id };
}

/** The cache key of a reference value. */
function valueKey(value: StoreValue): string {
  if (value.kind === "Bytes") return `0x${Buffer.from(value.value).toString("hex")}`;
  if (value.kind === "String") return value.value;
  if (value.kind === "Int8" || value.kind === "Int") return String(value.value);
  return "";
}

function describeId(value: StoreValue): string {
  return valueKey(value) || value.kind;
}
