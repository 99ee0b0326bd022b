/**
 * graph-node's entity rules at `store.set` (apiVersion ≥ 0.0.8): no fields outside the schema,
 * no derived fields, every non-nullable field present after merging with the stored version,
 * every value of the field's type. Messages follow graph-node's wording.
 */
import { MappingError } from "../errors.ts";
import type { EntityDef, FieldDef, SchemaModel } from "../schema/model.ts";
import { describeValue, type Entity, type StoreValue } from "./values.ts";

function invalid(message: string): MappingError {
  return new MappingError("ENTITY_INVALID", message);
}

/** The store kind a schema scalar takes. */
const KIND_OF_SCALAR: Record<string, StoreValue["kind"]> = {
  String: "String",
  Int: "Int",
  Int8: "Int8",
  BigInt: "BigInt",
  BigDecimal: "BigDecimal",
  Boolean: "Bool",
  Bytes: "Bytes",
  Timestamp: "Timestamp",
};

function typeLabel(field: FieldDef): string {
  const inner = `${field.typeName}${field.elementNonNull ? "!" : ""}`;
  return `${field.list ? `[${inner}]` : field.typeName}${field.nonNull ? "!" : ""}`;
}

function checkScalar(schema: SchemaModel, entity: EntityDef, id: string, field: FieldDef, value: StoreValue): void {
  const expected = KIND_OF_SCALAR[field.storeScalar]!;
  let ok = value.kind === expected;
  // graph-node accepts an Int where an Int8 is expected.
  if (!ok && expected === "Int8" && value.kind === "Int") ok = true;
  if (ok && field.category === "enum" && value.kind === "String") {
    ok = schema.enums.get(field.typeName)!.includes(value.value);
  }
  if (!ok)
    throw invalid(
      `Entity ${entity.name}[${id}]: the value \`${describeValue(value)}\` for field \`${field.name}\` must have type ${typeLabel(field)} but has type ${value.kind}`,
    );
}

/** Rejects unknown and derived fields in the data a mapping passed to `store.set`. */
export function checkSetFields(entity: EntityDef, id: string, data: Entity): void {
  const unknown = [...data.keys()].filter((key) => !entity.fields.has(key));
  if (unknown.length)
    throw invalid(
      `Attempted to set undefined fields [${unknown.join(", ")}] for the entity type \`${entity.name}\`. Make sure those fields are defined in the schema.`,
    );
  for (const key of data.keys()) {
    const field = entity.fields.get(key)!;
    if (field.derivedFrom && data.get(key)!.kind !== "Null")
      throw invalid(`Entity ${entity.name}[${id}]: field \`${key}\` is derived and cannot be set`);
  }
}

/** Checks a complete (merged) entity against its type. */
export function validateEntity(schema: SchemaModel, entity: EntityDef, id: string, data: Entity): void {
  for (const field of entity.storedFields) {
    const value = data.get(field.name);
    if (value === undefined || value.kind === "Null") {
      if (field.nonNull)
        throw invalid(`Entity ${entity.name}[${id}]: missing value for non-nullable field \`${field.name}\``);
      continue;
    }
    if (field.list) {
      if (value.kind !== "Array")
        throw invalid(
          `Entity ${entity.name}[${id}]: the value \`${describeValue(value)}\` for field \`${field.name}\` must have type ${typeLabel(field)} but has type ${value.kind}`,
        );
      for (const element of value.value) {
        if (element.kind === "Null") {
          if (field.elementNonNull)
            throw invalid(`Entity ${entity.name}[${id}]: field \`${field.name}\` must not contain null elements`);
          continue;
        }
        checkScalar(schema, entity, id, field, element);
      }
    } else {
      checkScalar(schema, entity, id, field, value);
    }
  }
}
