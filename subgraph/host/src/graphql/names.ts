/** graph-node's GraphQL names: `Unit` → `unit` / `units`, with `_collection` when both are equal. */
export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** English plural of the last word, the way Inflector-style pluralisation treats common nouns. */
export function pluralize(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${word}es`;
  return `${word}s`;
}

export function collectionNames(typeName: string): { single: string; plural: string } {
  const single = lowerFirst(typeName);
  let plural = lowerFirst(pluralize(typeName));
  if (plural === single) plural = `${single}_collection`;
  return { single, plural };
}
