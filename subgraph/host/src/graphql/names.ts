/**
 * graph-node's names for the root query fields of a type: `camel_cased_names` in graph-node's
 * `graph/src/data/graphql/ext.rs` — the singular is `to_camel_case(name)`, the plural is
 * `to_camel_case(to_plural(name))`, and `_collection` is appended when both are equal. Both
 * functions come from the Rust `Inflector` crate (0.11.4), reproduced here rule for rule:
 * `Stats` → `stats` / `stats_collection`, `PairDayData` → `pairDayData` / `pairDayDatas`.
 *
 * Inflector's rules are case-sensitive and see the whole type name, so `Person` becomes
 * `persons` (its `person` rule needs a lowercase `pe`) and `Sheep` becomes `sheeps` (its
 * uncountable words are lowercase). That is what graph-node serves, so it is what we serve.
 */

/** Inflector's `UNACCONTABLE_WORDS` (sic): returned unchanged, compared with the whole name. */
const UNCOUNTABLE = new Set(
  (
    "accommodation adulthood advertising advice aggression aid air aircraft alcohol anger applause arithmetic " +
    "assistance athletics bacon baggage beef biology blood botany bread butter carbon cardboard cash chalk chaos " +
    "chess crossroads countryside dancing deer dignity dirt dust economics education electricity engineering " +
    "enjoyment envy equipment ethics evidence evolution fame fiction flour flu food fuel fun furniture gallows " +
    "garbage garlic genetics gold golf gossip grammar gratitude grief guilt gymnastics happiness hardware harm hate " +
    "hatred health heat help homework honesty honey hospitality housework humour hunger hydrogen ice importance " +
    "inflation information innocence iron irony jam jewelry judo karate knowledge lack laughter lava leather leisure " +
    "lightning linguine linguini linguistics literature litter livestock logic loneliness luck luggage macaroni " +
    "machinery magic management mankind marble mathematics mayonnaise measles methane milk money mud music mumps " +
    "nature news nitrogen nonsense nurture nutrition obedience obesity oxygen pasta patience physics poetry pollution " +
    "poverty pride psychology publicity punctuation quartz racism relaxation reliability research respect revenge " +
    "rice rubbish rum safety scenery seafood seaside series shame sheep shopping sleep smoke smoking snow soap " +
    "software soil spaghetti species steam stuff stupidity sunshine symmetry tennis thirst thunder timber traffic " +
    "transportation trust underwear unemployment unity validity veal vegetation vegetarianism vengeance violence " +
    "vitality warmth wealth weather welfare wheat wildlife wisdom yoga zinc zoology"
  ).split(" "),
);

/** Whole names Inflector maps directly (its `special_cases!`), before any rule. */
const SPECIAL: Record<string, string> = {
  ox: "oxen",
  man: "men",
  woman: "women",
  die: "dice",
  yes: "yeses",
  foot: "feet",
  eave: "eaves",
  goose: "geese",
  tooth: "teeth",
  quiz: "quizzes",
};

/**
 * Inflector's plural rules in its declaration order; they are tried from the LAST to the first,
 * and the first match wins: the plural is capture group 1 followed by the replacement.
 */
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/(\w*)s$/, "s"],
  [/(\w*([^aeiou]ese))$/, ""],
  [/(\w*(ax|test))is$/, "es"],
  [/(\w*(alias|[^aou]us|tlas|gas|ris))$/, "es"],
  [/(\w*(e[mn]u))s?$/, "s"],
  [/(\w*([^l]ias|[aeiou]las|[emjzr]as|[iu]am))$/, ""],
  [/(\w*(alumn|syllab|octop|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat))(?:us|i)$/, "i"],
  [/(\w*(alumn|alg|vertebr))(?:a|ae)$/, "ae"],
  [/(\w*(seraph|cherub))(?:im)?$/, "im"],
  [/(\w*(her|at|gr))o$/, "oes"],
  [
    /(\w*(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi|curricul|automat|quor))(?:a|um)$/,
    "a",
  ],
  [/(\w*(apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr|automat))(?:a|on)$/, "a"],
  [/(\w*)sis$/, "ses"],
  [/(\w*(kni|wi|li))fe$/, "ves"],
  [/(\w*(ar|l|ea|eo|oa|hoo))f$/, "ves"],
  [/(\w*([^aeiouy]|qu))y$/, "ies"],
  [/(\w*([^ch][ieo][ln]))ey$/, "ies"],
  [/(\w*(x|ch|ss|sh|zz)es)$/, ""],
  [/(\w*(x|ch|ss|sh|zz))$/, "es"],
  [/(\w*(matr|cod|mur|sil|vert|ind|append))(?:ix|ex)$/, "ices"],
  [/(\w*(m|l)(?:ice|ouse))$/, "ice"],
  [/(\w*(pe)(?:rson|ople))$/, "ople"],
  [/(\w*(child))(?:ren)?$/, "ren"],
  [/(\w*eaux)$/, ""],
];

/** Inflector's `to_plural`. */
export function toPlural(word: string): string {
  if (UNCOUNTABLE.has(word)) return word;
  const special = SPECIAL[word];
  if (special !== undefined) return special;
  for (let i = RULES.length - 1; i >= 0; i--) {
    const [rule, replacement] = RULES[i]!;
    const match = rule.exec(word);
    if (match?.[1] !== undefined) return match[1] + replacement;
  }
  return `${word}s`;
}

const isAlphanumeric = (c: string) => /^[\p{L}\p{N}]$/u.test(c);
const isNumeric = (c: string) => /^\p{N}$/u.test(c);
const isLowercase = (c: string) => c !== c.toUpperCase() && c === c.toLowerCase();
const isUppercase = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();
const asciiUpper = (c: string) => (c >= "a" && c <= "z" ? c.toUpperCase() : c);
const asciiLower = (c: string) => (c >= "A" && c <= "Z" ? c.toLowerCase() : c);

/**
 * Inflector's `to_camel_case`: separators (anything not alphanumeric) start a new word and are
 * dropped, a digit starts a new word, and an uppercase letter after a lowercase one starts a new
 * word; the first word is lowercased entirely. So `ABCToken` → `abctoken`, `ERC20Token` →
 * `erc20Token`, `Token_Day` → `tokenDay`.
 */
export function toCamelCase(text: string): string {
  const chars = [...text];
  while (chars.length && !isAlphanumeric(chars[chars.length - 1]!)) chars.pop();
  let newWord = false;
  let lastChar = " ";
  let foundRealChar = false;
  let out = "";
  for (const c of chars) {
    if (!isAlphanumeric(c)) {
      // A separator: before the first real character it is skipped, after it starts a word.
      if (foundRealChar) newWord = true;
    } else if (isNumeric(c)) {
      foundRealChar = true;
      newWord = true;
      out += c;
    } else if (newWord || (isLowercase(lastChar) && isUppercase(c))) {
      // Inflector does not update its last character here: `aBC` stays one word after `B`.
      foundRealChar = true;
      newWord = false;
      out += asciiUpper(c);
    } else {
      foundRealChar = true;
      lastChar = c;
      out += asciiLower(c);
    }
  }
  return out;
}

/** The root query fields of an entity or interface type, as graph-node names them. */
export function collectionNames(typeName: string): { single: string; plural: string } {
  const single = toCamelCase(typeName);
  let plural = toCamelCase(toPlural(typeName));
  if (plural === single) plural = `${plural}_collection`;
  return { single, plural };
}
