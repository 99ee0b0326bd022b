/**
 * Root field names, checked against vectors worked out by hand from graph-node's
 * `camel_cased_names` (graph/src/data/graphql/ext.rs) and the Inflector 0.11.4 crate it calls
 * (`string/pluralize`, `string/constants`, `cases/case`): rules tried last to first, matched
 * case-sensitively against the whole type name, uncountable words compared whole and lowercase.
 */
import { describe, expect, it } from "vitest";
import { collectionNames, toCamelCase, toPlural } from "./names.ts";

describe("collectionNames", () => {
  // [type, singular field, plural field, the Inflector rule that decides]
  const vectors: Array<[string, string, string, string]> = [
    ["Stats", "stats", "stats_collection", "(\\w*)s$ keeps the s: plural equals singular"],
    ["PairDayData", "pairDayData", "pairDayDatas", "no rule matches `Data` (the `dat…a` rule needs lowercase d)"],
    ["UniswapDayData", "uniswapDayData", "uniswapDayDatas", "as PairDayData"],
    ["TokenHourData", "tokenHourData", "tokenHourDatas", "as PairDayData"],
    ["Data", "data", "datas", "as PairDayData"],
    ["Person", "person", "persons", "the person rule needs lowercase `pe`"],
    ["Status", "status", "statuses", "[^aou]us → es"],
    ["Bus", "bus", "buses", "[^aou]us → es"],
    ["Bundle", "bundle", "bundles", "default s"],
    ["Factory", "factory", "factories", "[^aeiouy]y → ies"],
    ["Token", "token", "tokens", "default s"],
    ["Transaction", "transaction", "transactions", "default s"],
    ["Swap", "swap", "swaps", "default s"],
    ["Mint", "mint", "mints", "default s"],
    ["Burn", "burn", "burns", "default s"],
    ["Matrix", "matrix", "matrixes", "`matr…ix` needs lowercase m; x → es"],
    ["Index", "index", "indexes", "`ind…ex` needs lowercase i; x → es"],
    ["Child", "child", "childs", "the child rule needs lowercase c"],
    ["Equipment", "equipment", "equipments", "uncountable words are lowercase"],
    ["Sheep", "sheep", "sheeps", "uncountable words are lowercase"],
    ["Series", "series", "series_collection", "(\\w*)s$ keeps the s"],
    ["News", "news", "news_collection", "(\\w*)s$ keeps the s"],
    ["Analysis", "analysis", "analyses", "sis → ses"],
    ["Alias", "alias", "alias_collection", "[^l]ias fails on `lias`; (\\w*)s$ keeps the s"],
    ["Leaf", "leaf", "leaves", "eaf → eaves"],
    ["Money", "money", "monies", "[^ch][ieo][ln]ey → ies"],
    ["Key", "key", "keys", "vowel before y: default s"],
    ["Day", "day", "days", "vowel before y: default s"],
    ["Potato", "potato", "potatoes", "ato → atoes"],
    ["Box", "box", "boxes", "x → es"],
    ["Glass", "glass", "glasses", "ss → es"],
    ["Slice", "slice", "sliceice", "(\\w*(m|l)(?:ice|ouse))$ captures the whole name, then appends ice"],
    ["Unit", "unit", "units", "default s"],
    ["UnitClaim", "unitClaim", "unitClaims", "[iu]am does not match `aim`"],
    ["UnitContentChange", "unitContentChange", "unitContentChanges", "default s"],
    ["Account", "account", "accounts", "default s"],
    ["ERC20Token", "erc20Token", "erc20Tokens", "camel case: a digit starts a new word"],
    ["ABCToken", "abctoken", "abctokens", "camel case: no word break between capitals"],
    ["Token_Day", "tokenDay", "tokenDays", "camel case: `_` starts a new word and is dropped"],
  ];
  it.each(vectors)("%s → %s / %s (%s)", (type, single, plural) => {
    expect(collectionNames(type)).toEqual({ single, plural });
  });
});

describe("toPlural (Inflector)", () => {
  it("applies its lowercase rules and special cases to lowercase words", () => {
    // Its person and mouse rules capture the whole word, so the ending is appended, not swapped.
    expect(toPlural("person")).toBe("personople");
    expect(toPlural("mouse")).toBe("mouseice");
    expect(toPlural("child")).toBe("children");
    expect(toPlural("matrix")).toBe("matrices");
    expect(toPlural("datum")).toBe("data");
    expect(toPlural("ox")).toBe("oxen");
    expect(toPlural("quiz")).toBe("quizzes");
    expect(toPlural("sheep")).toBe("sheep");
    expect(toPlural("knife")).toBe("knives");
    expect(toPlural("boxes")).toBe("boxes");
  });
});

describe("toCamelCase (Inflector)", () => {
  it("lowercases the first word and joins the others", () => {
    expect(toCamelCase("FooBar")).toBe("fooBar");
    expect(toCamelCase("foo_bar")).toBe("fooBar");
    expect(toCamelCase("foo-bar")).toBe("fooBar");
    expect(toCamelCase("Foo bar")).toBe("fooBar");
    expect(toCamelCase("_Leading__and_trailing_")).toBe("leadingAndTrailing");
    expect(toCamelCase("NFTOwner")).toBe("nftowner");
  });
});
