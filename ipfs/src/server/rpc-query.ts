/** Kubo-style query options of the RPC API, validated where they enter. */
import { CID } from "multiformats/cid";
import { clientError } from "./rpc-error.ts";

/** Reads query options: booleans as `true`/`false`/empty, whole numbers, repeated `arg`. */
export class Query {
  constructor(private readonly params: URLSearchParams) {}

  bool(name: string, fallback: boolean): boolean {
    const value = this.params.get(name);
    if (value === null) return fallback;
    if (value === "" || value === "true") return true;
    if (value === "false") return false;
    throw clientError(`option "${name}" must be true or false, not "${value}"`);
  }

  /** A whole number up to 2^53 − 1, or undefined when the option is absent. */
  int(name: string): number | undefined {
    const value = this.params.get(name);
    if (value === null) return undefined;
    const number = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(number)) {
      throw clientError(`option "${name}" must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, not "${value}"`);
    }
    return number;
  }

  string(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  /** Every `arg`; at least one is required. */
  args(label: string): string[] {
    const values = this.params.getAll("arg");
    if (values.length === 0 || values.every((value) => value === "")) {
      throw clientError(`argument "${label}" is required`);
    }
    return values;
  }

  /** Exactly the first `arg`. */
  arg(label: string): string {
    return this.args(label)[0] as string;
  }
}

/** `/ipfs/<cid>/a/b`, `<cid>/a/b` or `<cid>` → the CID and the path inside it. */
export function parseIpfsPath(value: string): { cid: CID; path: string } {
  if (value.startsWith("/") && !value.startsWith("/ipfs/")) {
    throw clientError(`invalid path "${value}": this node resolves /ipfs/ paths only`);
  }
  const [head = "", ...rest] = value.replace(/^\/ipfs\//, "").split("/");
  let cid: CID;
  try {
    cid = CID.parse(head);
  } catch (error) {
    throw clientError(`invalid path "${value}": invalid CID "${head}": ${(error as Error).message}`);
  }
  const segments = rest.filter((segment) => segment !== "");
  if (segments.some((segment) => segment === "." || segment === "..")) {
    throw clientError(`invalid path "${value}": "." and ".." are not path segments in IPFS`);
  }
  return { cid, path: segments.join("/") };
}
