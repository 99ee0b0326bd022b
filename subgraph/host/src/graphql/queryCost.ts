/**
 * graph-node's query depth and complexity check (`RawQuery::check_complexity` in
 * `graphql/src/execution/query.rs`), run on the parsed document BEFORE validation and execution,
 * so that a small query that would expand to an enormous one is refused at once.
 *
 * - Depth: the nesting of selection sets, fragment spreads and inline fragments included, must
 *   stay within `maxDepth`.
 * - Complexity: an upper bound of the entities a query returns. A list field costs
 *   `first × (1 + its selection)` (`first` defaults to 100), as in graph-node. Unlike graph-node
 *   a single object costs `1 + its selection` instead of just its selection: otherwise aliases
 *   of one reference repeated through nested fragments (each level doubling the response) would
 *   cost nothing at all.
 *
 * Each named fragment is measured once and remembered, so a fragment used 2^n times costs one
 * visit; cycles are reported as graph-node reports them. Introspection lists have no `first`:
 * they count with the longest such list the schema actually has.
 */
import {
  Kind,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";
import { cyclicalFragment, tooComplex, tooDeep } from "./queryError.ts";

export type QueryCostLimits = { maxDepth: number; maxComplexity: number };
export type QueryCost = { complexity: number; depth: number };

/** graph-node's `EntityRange::FIRST`. */
const DEFAULT_FIRST = 100;

class Invalid extends Error {}

/** The longest list each introspection field can return in `schema`. */
export function introspectionListSizes(schema: GraphQLSchema): Map<string, number> {
  const types = Object.values(schema.getTypeMap());
  const max = (values: number[]) => Math.max(1, ...values);
  const withFields = types.filter((t) => isObjectType(t) || isInterfaceType(t));
  const fields = withFields.flatMap((t) => Object.values(t.getFields()));
  return new Map([
    ["types", types.length],
    ["fields", max(withFields.map((t) => Object.keys(t.getFields()).length))],
    ["args", max([...fields.map((f) => f.args.length), ...schema.getDirectives().map((d) => d.args.length)])],
    ["inputFields", max(types.map((t) => (isInputObjectType(t) ? Object.keys(t.getFields()).length : 0)))],
    ["enumValues", max(types.map((t) => ("getValues" in t ? t.getValues().length : 0)))],
    ["interfaces", max(withFields.map((t) => t.getInterfaces().length))],
    ["possibleTypes", max(types.map((t) => (isInterfaceType(t) ? schema.getPossibleTypes(t).length : 0)))],
    ["directives", schema.getDirectives().length],
  ]);
}

/** The operation a request runs: the named one, or the only one; undefined when ambiguous. */
export function selectOperation(
  document: DocumentNode,
  operationName: string | undefined,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName !== undefined) return operations.find((o) => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

/**
 * Measures the operation `operationName` of `document`; throws graph-node's TooDeep,
 * TooComplex or fragment-cycle error when a limit is exceeded. A document that does not fit the
 * schema measures as zero: validation reports what is wrong with it.
 */
export function checkQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
  limits: QueryCostLimits,
  introspectionSizes: ReadonlyMap<string, number>,
): QueryCost {
  const operation = selectOperation(document, operationName);
  const root = schema.getQueryType();
  if (!operation || operation.operation !== "query" || !root) return { complexity: 0, depth: 0 };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const memo = new Map<string, QueryCost>();
  const visiting = new Set<string>();

  const firstOf = (value: ValueNode | undefined): number => {
    if (!value) return DEFAULT_FIRST;
    if (value.kind === Kind.INT) return Math.max(0, Number(value.value));
    if (value.kind === Kind.VARIABLE) {
      const given = variables[value.name.value];
      return typeof given === "number" && Number.isFinite(given) ? Math.max(0, given) : DEFAULT_FIRST;
    }
    return DEFAULT_FIRST;
  };

  const measure = (type: GraphQLNamedType, selectionSet: SelectionSetNode): QueryCost => {
    let complexity = 0;
    let height = 0;
    for (const selection of selectionSet.selections) {
      let cost: QueryCost;
      if (selection.kind === Kind.FIELD) {
        if (!selection.selectionSet) continue;
        const name = selection.name.value;
        let fieldType;
        if (type === root && (name === "__schema" || name === "__type")) {
          fieldType = schema.getType(name === "__schema" ? "__Schema" : "__Type");
        } else if (isObjectType(type) || isInterfaceType(type)) {
          fieldType = type.getFields()[name]?.type;
        }
        if (!fieldType) throw new Invalid();
        const child = measure(getNamedType(fieldType), selection.selectionSet);
        if (isListType(getNullableType(fieldType))) {
          // Lists of introspection types (`__Type.fields`, …) have no `first`.
          const count = type.name.startsWith("__")
            ? (introspectionSizes.get(name) ?? 1)
            : firstOf(selection.arguments?.find((a) => a.name.value === "first")?.value);
          cost = { complexity: count * (1 + child.complexity), depth: child.depth };
        } else {
          cost = { complexity: 1 + child.complexity, depth: child.depth };
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (!condition) throw new Invalid();
        cost = measure(condition, selection.selectionSet);
      } else {
        const name = selection.name.value;
        let known = memo.get(name);
        if (!known) {
          const fragment = fragments.get(name);
          if (!fragment) throw new Invalid();
          if (visiting.has(name)) throw cyclicalFragment(name);
          const condition = schema.getType(fragment.typeCondition.name.value);
          if (!condition) throw new Invalid();
          visiting.add(name);
          known = measure(condition, fragment.selectionSet);
          visiting.delete(name);
          memo.set(name, known);
        }
        cost = known;
      }
      complexity = Math.min(Number.MAX_SAFE_INTEGER, complexity + cost.complexity);
      height = Math.max(height, cost.depth);
    }
    return { complexity, depth: height + 1 };
  };

  let cost: QueryCost;
  try {
    cost = measure(root, operation.selectionSet);
  } catch (error) {
    if (error instanceof Invalid) return { complexity: 0, depth: 0 };
    throw error;
  }
  // The root selection set is at depth 0: graph-node refuses a selection set at depth ≥ maxDepth.
  if (cost.depth - 1 >= limits.maxDepth) throw tooDeep(limits.maxDepth);
  if (cost.complexity > limits.maxComplexity) throw tooComplex(cost.complexity, limits.maxComplexity);
  return cost;
}
