import { MarkspaceError } from "@markspace/common/errors";
import { isAbsolute, join } from "node:path";
import { z } from "zod";
import { repoRoot } from "./paths.ts";

const port = z.coerce.number().int().min(0).max(65_535);

/** Everything `npm start` can be told, with the embedded defaults. */
export const stackConfigSchema = z.object({
  host: z.string().min(1).default("127.0.0.1"),
  /** Where the IPFS blockstore, subgraph database and local deployment record live (git-ignored). */
  dataDir: z.string().min(1).default(".data"),
  ports: z
    .object({
      chain: port.default(8545),
      ipfsApi: port.default(5001),
      ipfsGateway: port.default(8080),
      graphql: port.default(8000),
      app: port.default(3000),
    })
    .prefault({}),
  /** `prod` serves a production build of the app (built when missing or stale); `dev` runs `next dev`. */
  appMode: z
    .string()
    .pipe(z.enum(["dev", "prod"]))
    .default("prod"),
  /** The app's build folder inside `app/`; the e2e test uses its own so it never replaces a running stack's build. */
  appDistDir: z
    .string()
    .regex(/^\.next[\w-]*$/, "a folder name starting with .next")
    .default(".next"),
  /** How many demo units to seed with furnished scenes. */
  demoUnits: z.coerce.number().int().min(0).max(16).default(4),
  /** Render Worker processes to run beside one Scheduler; 0 runs no render network at all. */
  renderWorkers: z.coerce.number().int().min(0).max(8).default(3),
  subgraphName: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)?$/, "lowercase letters, digits, dashes and at most one /")
    .default("markspace"),
});

/** The `npm start` flag behind each option, so errors name what the person typed. */
const FLAGS: Record<string, string> = {
  host: "--host",
  dataDir: "--data-dir",
  "ports.chain": "--chain-port",
  "ports.ipfsApi": "--ipfs-api-port",
  "ports.ipfsGateway": "--ipfs-gateway-port",
  "ports.graphql": "--graphql-port",
  "ports.app": "--app-port",
  appMode: "--app-mode",
  demoUnits: "--demo-units",
  renderWorkers: "--render-workers",
};

export type StackConfigInput = z.input<typeof stackConfigSchema>;
export type StackConfig = z.infer<typeof stackConfigSchema> & { dataDirAbsolute: string };

/** Thrown when the stack's configuration is invalid; the message names each bad option. */
export class StackConfigError extends MarkspaceError {
  override name = "StackConfigError";
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super({ shortMessage: message, ...options });
  }
}

export function resolveStackConfig(input: StackConfigInput): StackConfig {
  const parsed = stackConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const path = issue.path.join(".");
      const flag = FLAGS[path];
      return `${path}${flag ? ` (${flag})` : ""}: ${issue.message}`;
    });
    throw new StackConfigError(`Invalid stack configuration: ${issues.join("; ")}`);
  }
  const dataDirAbsolute = isAbsolute(parsed.data.dataDir) ? parsed.data.dataDir : join(repoRoot, parsed.data.dataDir);
  return { ...parsed.data, dataDirAbsolute };
}
