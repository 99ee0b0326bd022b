/**
 * The entity model of a subgraph's `schema.graphql`, as the store and the GraphQL layer need it:
 * entity types, their id type, each field's scalar/enum/entity type, list-ness, nullability and
 * `@derivedFrom`. Parsed with graphql-js; features this host does not serve (interfaces,
 * `@fulltext`, `@aggregation` timeseries) are refused with a clear error.
 */
import { Kind, parse, type DirectiveNode, type TypeNode } from "graphql";
import { SubgraphHostError } from "../errors.ts";

export const SCALARS = [
  "ID",
  "String",
  "Int",
  "Int8",
  "BigInt",
  "BigDecimal",
  "Boolean",
  "Bytes",
  "Timestamp",
] as const;
export type ScalarName = (typeof SCALARS)[number];
export type IdType = "String" | "Bytes" | "Int8";

export type FieldDef = {
  name: string;
  /** The named type: a scalar, an enum or an entity. */
  typeName: string;
  category: "scalar" | "enum" | "entity";
  list: boolean;
  nonNull: boolean;
  /** For lists: whether elements are non-null. */
  elementNonNull: boolean;
  /** `@derivedFrom(field:)`: virtual, resolved from the other side. */
  derivedFrom?: string;
  /** The scalar the store keeps: the scalar itself, `String` for enums, the target's id scalar for references. */
  storeScalar: ScalarName;
};

export type EntityDef = {
  name: string;
  immutable: boolean;
  idType: IdType;
  fields: Map<string, FieldDef>;
  /** Fields with a column: everything but `@derivedFrom`. */
  storedFields: FieldDef[];
  description?: string;
};

export type SchemaModel = {
  source: string;
  entities: Map<string, EntityDef>;
  enums: Map<string, string[]>;
};

function unwrap(type: TypeNode): Pick<FieldDef, "typeName" | "list" | "nonNull" | "elementNonNull"> {
  let nonNull = false;
  let node = type;
  if (node.kind === Kind.NON_NULL_TYPE) {
    nonNull = true;
    node = node.type;
  }
  if (node.kind === Kind.LIST_TYPE) {
    let element = node.type;
    let elementNonNull = false;
    if (element.kind === Kind.NON_NULL_TYPE) {
      elementNonNull = true;
      element = element.type;
    }
    if (element.kind !== Kind.NAMED_TYPE) throw new Error("nested lists are not supported");
    return { typeName: element.name.value, list: true, nonNull, elementNonNull };
  }
  if (node.kind !== Kind.NAMED_TYPE) throw new Error("unexpected type");
  return { typeName: node.name.value, list: false, nonNull, elementNonNull: false };
}

function argument(directive: DirectiveNode | undefined, name: string): string | boolean | undefined {
  const arg = directive?.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  if (arg.value.kind === Kind.STRING) return arg.value.value;
  if (arg.value.kind === Kind.BOOLEAN) return arg.value.value;
  return undefined;
}

export function parseSchema(source: string): SchemaModel {
  const invalid = (details: string) =>
    new SubgraphHostError("SCHEMA_INVALID", "The subgraph's schema.graphql cannot be served", { details });
  let document;
  try {
    document = parse(source);
  } catch (error) {
    throw invalid(String(error));
  }
  const enums = new Map<string, string[]>();
  const objects: Array<{ name: string; directives: readonly DirectiveNode[]; fields: FieldDefNodeLike[] }> = [];
  type FieldDefNodeLike = { name: string; type: TypeNode; directives: readonly DirectiveNode[] };
  const descriptions = new Map<string, string>();
  for (const definition of document.definitions) {
    switch (definition.kind) {
      case Kind.ENUM_TYPE_DEFINITION:
        enums.set(
          definition.name.value,
          (definition.values ?? []).map((v) => v.name.value),
        );
        break;
      case Kind.OBJECT_TYPE_DEFINITION: {
        const directives = definition.directives ?? [];
        if (directives.some((d) => d.name.value === "aggregation"))
          throw invalid(
            `@aggregation type ${definition.name.value}: timeseries are not supported by the embedded host`,
          );
        if (!directives.some((d) => d.name.value === "entity")) {
          if (definition.name.value === "_Schema_") {
            if ((definition.directives ?? []).some((d) => d.name.value === "fulltext"))
              throw invalid("@fulltext search is not supported by the embedded host");
            break;
          }
          throw invalid(`type ${definition.name.value} has no @entity directive`);
        }
        if (definition.description) descriptions.set(definition.name.value, definition.description.value);
        objects.push({
          name: definition.name.value,
          directives,
          fields: (definition.fields ?? []).map((f) => ({
            name: f.name.value,
            type: f.type,
            directives: f.directives ?? [],
          })),
        });
        break;
      }
      case Kind.INTERFACE_TYPE_DEFINITION:
        throw invalid(`interface ${definition.name.value}: interfaces are not supported by the embedded host (v1)`);
      default:
        throw invalid(`unsupported definition kind ${definition.kind}`);
    }
  }
  const entityNames = new Set(objects.map((o) => o.name));
  const entities = new Map<string, EntityDef>();
  // First pass: id types, needed to type references.
  const idTypes = new Map<string, IdType>();
  for (const object of objects) {
    const idField = object.fields.find((f) => f.name === "id");
    if (!idField) throw invalid(`entity ${object.name} has no id field`);
    const id = unwrap(idField.type);
    if (!id.nonNull || id.list) throw invalid(`${object.name}.id must be a non-null scalar`);
    const idType: IdType | undefined =
      id.typeName === "ID" || id.typeName === "String"
        ? "String"
        : id.typeName === "Bytes"
          ? "Bytes"
          : id.typeName === "Int8"
            ? "Int8"
            : undefined;
    if (!idType) throw invalid(`${object.name}.id must be ID, String, Bytes or Int8, not ${id.typeName}`);
    idTypes.set(object.name, idType);
  }
  for (const object of objects) {
    const entityDirective = object.directives.find((d) => d.name.value === "entity");
    const immutable = argument(entityDirective, "immutable") === true;
    const fields = new Map<string, FieldDef>();
    for (const field of object.fields) {
      const shape = unwrap(field.type);
      const derived = field.directives.find((d) => d.name.value === "derivedFrom");
      const derivedFrom = derived ? argument(derived, "field") : undefined;
      let category: FieldDef["category"];
      let storeScalar: ScalarName;
      if ((SCALARS as readonly string[]).includes(shape.typeName)) {
        category = "scalar";
        storeScalar = shape.typeName === "ID" ? "String" : (shape.typeName as ScalarName);
      } else if (enums.has(shape.typeName)) {
        category = "enum";
        storeScalar = "String";
      } else if (entityNames.has(shape.typeName)) {
        category = "entity";
        storeScalar = idTypes.get(shape.typeName)!;
      } else {
        throw invalid(`${object.name}.${field.name} has unknown type ${shape.typeName}`);
      }
      if (derived && (typeof derivedFrom !== "string" || category !== "entity"))
        throw invalid(`${object.name}.${field.name}: @derivedFrom needs field: "..." on an entity-typed field`);
      if (field.name === "id") storeScalar = idTypes.get(object.name)!;
      fields.set(field.name, {
        name: field.name,
        ...shape,
        category,
        storeScalar,
        ...(typeof derivedFrom === "string" ? { derivedFrom } : {}),
      });
    }
    const storedFields = [...fields.values()].filter((f) => !f.derivedFrom);
    entities.set(object.name, {
      name: object.name,
      immutable,
      idType: idTypes.get(object.name)!,
      fields,
      storedFields,
      ...(descriptions.has(object.name) ? { description: descriptions.get(object.name)! } : {}),
    });
  }
  // Derived fields must point at a field of the target that references back.
  for (const entity of entities.values()) {
    for (const field of entity.fields.values()) {
      if (!field.derivedFrom) continue;
      const target = entities.get(field.typeName)!;
      const back = target.fields.get(field.derivedFrom);
      if (!back || back.category !== "entity" || back.derivedFrom)
        throw invalid(
          `${entity.name}.${field.name} is derived from ${field.typeName}.${field.derivedFrom}, which is not a stored reference`,
        );
    }
  }
  return { source, entities, enums };
}
