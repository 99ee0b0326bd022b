/** graph-node's GraphQL names: `Unit` → `unit` / `units`, with `_collection` when both are equal. */
export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

const IRREGULAR: Record<string, string> = {
  person: "people",
  child: "children",
  man: "men",
  woman: "women",
  mouse: "mice",
};
const UNCOUNTABLE = ["equipment", "information", "rice", "money", "species", "series", "fish", "sheep", "news", "data"];

/** English plural of the last word, the way Inflector-style pluralisation treats common nouns. */
export function pluralize(word: string): string {
  const lastWord = /[A-Z]?[a-z0-9]*$/.exec(word)?.[0] ?? word;
  const head = word.slice(0, word.length - lastWord.length);
  const lower = lastWord.toLowerCase();
  if (UNCOUNTABLE.includes(lower)) return word;
  const irregular = IRREGULAR[lower];
  if (irregular) return head + lastWord.charAt(0) + irregular.slice(1);
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
