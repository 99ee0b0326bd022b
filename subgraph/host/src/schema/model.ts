/**
 * The entity model of a subgraph's `schema.graphql`, as the store and the GraphQL layer need it:
 * entity types, their id type, each field's scalar/enum/entity type, list-ness, nullability and
 * `@derivedFrom`, and the interfaces entity types implement. Parsed with graphql-js; features
 * this host does not serve (`@fulltext`, `@aggregation` timeseries) are refused with a clear
 * error.
 *
 * A field typed with an interface is a reference like any other (`category: "entity"`, the
 * interface's name in `typeName`, the implementers' common id type in `storeScalar`); which
 * entity types it may point to is `model.interfaces.get(typeName).implementers`.
 */
import { Kind, parse, print, type DirectiveNode, type TypeNode } from "graphql";
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
  /** The named type: a scalar, an enum, an entity or an interface (see `SchemaModel.interfaces`). */
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
  /** Interfaces the type implements (`type A implements X & Y`), in declaration order. */
  interfaces?: string[];
};

/** An `interface` of the schema: entity types that share fields and can be queried together. */
export type InterfaceDef = {
  name: string;
  /** The fields the interface declares; every implementer has each of them, with the same type. */
  fields: Map<string, FieldDef>;
  /** Entity types implementing it, in schema order. */
  implementers: string[];
  /** The implementers' common id type (String when nothing implements it, as in graph-node). */
  idType: IdType;
  description?: string;
};

export type SchemaModel = {
  source: string;
  entities: Map<string, EntityDef>;
  enums: Map<string, string[]>;
  interfaces: Map<string, InterfaceDef>;
};

/** The entity types a reference to `typeName` may point to: the type itself, or an interface's implementers. */
export function concreteTypes(model: SchemaModel, typeName: string): EntityDef[] {
  const entity = model.entities.get(typeName);
  if (entity) return [entity];
  return (model.interfaces.get(typeName)?.implementers ?? []).map((name) => model.entities.get(name)!);
}

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

type FieldNodeLike = { name: string; type: TypeNode; directives: readonly DirectiveNode[] };
type TypeNodeLike = {
  name: string;
  directives: readonly DirectiveNode[];
  fields: FieldNodeLike[];
  interfaces: string[];
  description?: string;
};

function toTypeNodeLike(definition: {
  name: { value: string };
  directives?: readonly DirectiveNode[] | undefined;
  fields?: readonly { name: { value: string }; type: TypeNode; directives?: readonly DirectiveNode[] | undefined }[];
  interfaces?: readonly { name: { value: string } }[] | undefined;
  description?: { value: string } | undefined;
}): TypeNodeLike {
  return {
    name: definition.name.value,
    directives: definition.directives ?? [],
    fields: (definition.fields ?? []).map((f) => ({
      name: f.name.value,
      type: f.type,
      directives: f.directives ?? [],
    })),
    interfaces: (definition.interfaces ?? []).map((i) => i.name.value),
    ...(definition.description ? { description: definition.description.value } : {}),
  };
}

function idTypeOf(typeName: string): IdType | undefined {
  if (typeName === "ID" || typeName === "String") return "String";
  if (typeName === "Bytes") return "Bytes";
  if (typeName === "Int8") return "Int8";
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
  const objects: TypeNodeLike[] = [];
  const interfaceNodes: TypeNodeLike[] = [];
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
        objects.push(toTypeNodeLike(definition));
        break;
      }
      case Kind.INTERFACE_TYPE_DEFINITION:
        interfaceNodes.push(toTypeNodeLike(definition));
        break;
      default:
        throw invalid(`unsupported definition kind ${definition.kind}`);
    }
  }
  const entityNames = new Set(objects.map((o) => o.name));
  const interfaceNames = new Set(interfaceNodes.map((i) => i.name));
  // First pass: id types, needed to type references.
  const idTypes = new Map<string, IdType>();
  for (const object of objects) {
    const idField = object.fields.find((f) => f.name === "id");
    if (!idField) throw invalid(`entity ${object.name} has no id field`);
    const id = unwrap(idField.type);
    if (!id.nonNull || id.list) throw invalid(`${object.name}.id must be a non-null scalar`);
    const idType = idTypeOf(id.typeName);
    if (!idType) throw invalid(`${object.name}.id must be ID, String, Bytes or Int8, not ${id.typeName}`);
    idTypes.set(object.name, idType);
  }
  // Interfaces: every implementer declares each interface field with the same type, and all
  // implementers use one id type (graph-node's schema validation, with its messages).
  const implementers = new Map<string, string[]>(interfaceNodes.map((i) => [i.name, []]));
  for (const object of objects) {
    for (const name of object.interfaces) {
      const intf = interfaceNodes.find((i) => i.name === name);
      if (!intf) throw invalid(`Interface \`${name}\` not defined`);
      const missing = intf.fields
        .filter((f) => !object.fields.some((o) => o.name === f.name && print(o.type) === print(f.type)))
        .map((f) => `${f.name}: ${print(f.type)}`);
      if (missing.length)
        throw invalid(
          `Entity type \`${object.name}\` does not satisfy interface \`${name}\` because it is missing the following fields: ${missing.join(", ")}`,
        );
      implementers.get(name)!.push(object.name);
    }
  }
  for (const intf of interfaceNodes) {
    const types = [...new Set(implementers.get(intf.name)!.map((name) => idTypes.get(name)!))];
    if (types.length > 1)
      throw invalid(
        `Implementors of interface \`${intf.name}\` use different id types \`${types.join(", ")}\`. They must all use the same type`,
      );
    idTypes.set(intf.name, types[0] ?? "String");
  }

  const fieldsOf = (owner: TypeNodeLike, ownIdType: IdType): Map<string, FieldDef> => {
    const fields = new Map<string, FieldDef>();
    for (const field of owner.fields) {
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
      } else if (entityNames.has(shape.typeName) || interfaceNames.has(shape.typeName)) {
        category = "entity";
        storeScalar = idTypes.get(shape.typeName)!;
      } else {
        throw invalid(`${owner.name}.${field.name} has unknown type ${shape.typeName}`);
      }
      if (derived && (typeof derivedFrom !== "string" || category !== "entity"))
        throw invalid(`${owner.name}.${field.name}: @derivedFrom needs field: "..." on an entity-typed field`);
      if (field.name === "id") storeScalar = ownIdType;
      fields.set(field.name, {
        name: field.name,
        ...shape,
        category,
        storeScalar,
        ...(typeof derivedFrom === "string" ? { derivedFrom } : {}),
      });
    }
    return fields;
  };

  const entities = new Map<string, EntityDef>();
  for (const object of objects) {
    const entityDirective = object.directives.find((d) => d.name.value === "entity");
    const immutable = argument(entityDirective, "immutable") === true;
    const fields = fieldsOf(object, idTypes.get(object.name)!);
    const storedFields = [...fields.values()].filter((f) => !f.derivedFrom);
    entities.set(object.name, {
      name: object.name,
      immutable,
      idType: idTypes.get(object.name)!,
      fields,
      storedFields,
      ...(object.description !== undefined ? { description: object.description } : {}),
      ...(object.interfaces.length ? { interfaces: object.interfaces } : {}),
    });
  }
  const interfaces = new Map<string, InterfaceDef>();
  for (const intf of interfaceNodes) {
    interfaces.set(intf.name, {
      name: intf.name,
      fields: fieldsOf(intf, idTypes.get(intf.name)!),
      implementers: implementers.get(intf.name)!,
      idType: idTypes.get(intf.name)!,
      ...(intf.description !== undefined ? { description: intf.description } : {}),
    });
  }
  // Derived fields must point at a field of the target (an entity, or an interface that
  // declares it) that references back.
  const owners: Array<{ name: string; fields: Map<string, FieldDef> }> = [...entities.values(), ...interfaces.values()];
  for (const owner of owners) {
    for (const field of owner.fields.values()) {
      if (!field.derivedFrom) continue;
      const target = entities.get(field.typeName) ?? interfaces.get(field.typeName)!;
      const back = target.fields.get(field.derivedFrom);
      if (!back || back.category !== "entity" || back.derivedFrom)
        throw invalid(
          `${owner.name}.${field.name} is derived from ${field.typeName}.${field.derivedFrom}, which is not a stored reference`,
        );
    }
  }
  return { source, entities, enums, interfaces };
}
