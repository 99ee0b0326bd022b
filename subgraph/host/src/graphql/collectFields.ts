/**
 * The fields a selection selects on one concrete type, merged by response key, with the
 * semantics graphql-js executes them with (`@skip`/`@include`, fragment spreads and inline
 * fragments whose type condition matches, each named fragment at most once per selection). The
 * prefetch must see exactly the fields graphql-js will later resolve from its results.
 */
import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  isAbstractType,
  typeFromAST,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type InlineFragmentNode,
  type FragmentSpreadNode,
  type SelectionSetNode,
} from "graphql";

export type FieldsByKey = Map<string, FieldNode[]>;

export type SelectionContext = {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
};

function shouldInclude(context: SelectionContext, node: FieldNode | InlineFragmentNode | FragmentSpreadNode): boolean {
  if (!node.directives?.length) return true;
  const skip = getDirectiveValues(GraphQLSkipDirective, node, context.variables);
  if (skip?.["if"] === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, context.variables);
  return include?.["if"] !== false;
}

function conditionMatches(
  context: SelectionContext,
  fragment: FragmentDefinitionNode | InlineFragmentNode,
  type: GraphQLObjectType,
): boolean {
  const condition = fragment.typeCondition;
  if (!condition) return true;
  const conditional = typeFromAST(context.schema, condition);
  if (conditional === type) return true;
  return conditional !== undefined && isAbstractType(conditional) && context.schema.isSubType(conditional, type);
}

function collectInto(
  context: SelectionContext,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  fields: FieldsByKey,
  visited: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    switch (selection.kind) {
      case Kind.FIELD: {
        if (!shouldInclude(context, selection)) continue;
        const key = selection.alias?.value ?? selection.name.value;
        const list = fields.get(key);
        if (list) list.push(selection);
        else fields.set(key, [selection]);
        break;
      }
      case Kind.INLINE_FRAGMENT:
        if (!shouldInclude(context, selection) || !conditionMatches(context, selection, type)) continue;
        collectInto(context, type, selection.selectionSet, fields, visited);
        break;
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        if (visited.has(name) || !shouldInclude(context, selection)) continue;
        visited.add(name);
        const fragment = context.fragments[name];
        if (!fragment || !conditionMatches(context, fragment, type)) continue;
        collectInto(context, type, fragment.selectionSet, fields, visited);
        break;
      }
    }
  }
}

/** The fields of `type` selected by `selectionSet`. */
export function collectFields(
  context: SelectionContext,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
): FieldsByKey {
  const fields: FieldsByKey = new Map();
  collectInto(context, type, selectionSet, fields, new Set());
  return fields;
}

/** The fields of `type` selected below merged field nodes (one response key). */
export function collectSubfields(
  context: SelectionContext,
  type: GraphQLObjectType,
  fieldNodes: readonly FieldNode[],
): FieldsByKey {
  const fields: FieldsByKey = new Map();
  const visited = new Set<string>();
  for (const node of fieldNodes) if (node.selectionSet) collectInto(context, type, node.selectionSet, fields, visited);
  return fields;
}
