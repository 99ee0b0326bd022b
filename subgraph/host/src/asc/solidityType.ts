/**
 * Parses a Solidity type as graph-ts `ethereum.decode` takes it — `uint256`, `address[]`,
 * `(uint256,(address,bool)[])[2]` — into a viem `AbiParameter`. Names are not allowed, as in
 * graph-node (`DynSolType::parse`).
 */
import type { AbiParameter } from "viem";

const ELEMENTARY =
  /^(address|bool|string|bytes([1-9]|[12]\d|3[0-2])?|u?int(8|16|24|32|40|48|56|64|72|80|88|96|104|112|120|128|136|144|152|160|168|176|184|192|200|208|216|224|232|240|248|256)?|function)$/;

export function parseSolidityType(text: string): AbiParameter {
  const source = text.replace(/\s+/g, "");
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`invalid Solidity type "${text}": ${why}`);
  };

  function parseType(): AbiParameter {
    let parameter: AbiParameter;
    if (source[at] === "(") {
      at++;
      const components: AbiParameter[] = [];
      if (source[at] === ")") fail("empty tuple");
      while (true) {
        components.push(parseType());
        if (source[at] === ",") at++;
        else if (source[at] === ")") break;
        else fail(`expected "," or ")" at ${at}`);
      }
      at++;
      parameter = { type: "tuple", components };
    } else {
      const match = /^[a-z]+\d*/.exec(source.slice(at));
      if (!match || !ELEMENTARY.test(match[0])) fail(`unknown type at ${at}`);
      at += match![0].length;
      const name = match![0] === "uint" ? "uint256" : match![0] === "int" ? "int256" : match![0];
      parameter = { type: name };
    }
    while (source[at] === "[") {
      const close = source.indexOf("]", at);
      if (close < 0) fail("unclosed [");
      const size = source.slice(at + 1, close);
      if (size !== "" && !/^[1-9]\d*$/.test(size)) fail(`bad array size "${size}"`);
      parameter = { ...parameter, type: `${parameter.type}[${size}]` } as AbiParameter;
      at = close + 1;
    }
    return parameter;
  }

  const parameter = parseType();
  if (at !== source.length) fail(`unexpected "${source.slice(at)}"`);
  return parameter;
}
