/**
 * A throw-away PostgreSQL server for tests: `initdb` into a temporary folder, `postgres` on a
 * free loopback port, removed on stop. Uses the server binaries of Debian's `postgresql`
 * package (`/usr/lib/postgresql/<version>/bin`) or `MARKSPACE_PG_BINDIR`. PostgreSQL refuses
 * to run as root, so as root it runs as the `postgres` system user.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type TestPostgres = { url: string; stop: () => Promise<void> };

/** The folder holding `initdb` and `postgres`, or undefined when PostgreSQL is not installed. */
export function postgresBinDir(): string | undefined {
  const fromEnv = process.env["MARKSPACE_PG_BINDIR"];
  if (fromEnv) return existsSync(join(fromEnv, "initdb")) ? fromEnv : undefined;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], "bin") : undefined;
}

/**
 * Whether tests can run on PostgreSQL here. Without the binaries such tests are skipped, unless
 * `MARKSPACE_REQUIRE_POSTGRES=1` (CI sets it): then the missing server is an error.
 */
export function postgresAvailable(): boolean {
  const available = postgresBinDir() !== undefined;
  if (!available && process.env["MARKSPACE_REQUIRE_POSTGRES"] === "1")
    throw new Error(
      "MARKSPACE_REQUIRE_POSTGRES=1 but no PostgreSQL server binaries were found (apt-get install postgresql)",
    );
  return available;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin)
    throw new Error("PostgreSQL server binaries not found (apt-get install postgresql, or set MARKSPACE_PG_BINDIR)");
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), "markspace-pg-"));
  const data = join(dir, "data");
  if (asRoot) {
    await chmod(dir, 0o777);
    spawnSync("chown", ["postgres", dir]);
  }
  const run = (command: string, args: string[]) =>
    asRoot ? { command: "runuser", args: ["-u", "postgres", "--", command, ...args] } : { command, args };
  const init = run(join(bin, "initdb"), ["-D", data, "-U", "markspace", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const initResult = spawnSync(init.command, init.args, { encoding: "utf8" });
  if (initResult.status !== 0) throw new Error(`initdb failed: ${initResult.stderr || initResult.stdout}`);
  const port = await freePort();
  const serve = run(join(bin, "postgres"), [
    "-D",
    data,
    "-p",
    String(port),
    "-h",
    "127.0.0.1",
    "-k",
    dir,
    "-c",
    "fsync=off",
    "-c",
    "synchronous_commit=off",
    "-c",
    "full_page_writes=off",
  ]);
  const server = spawn(serve.command, serve.args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (!/ready to accept connections/.test(output)) {
    if (server.exitCode !== null || Date.now() > deadline) {
      server.kill("SIGKILL");
      await rm(dir, { recursive: true, force: true });
      throw new Error(`postgres did not start: ${output.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `postgres://markspace@127.0.0.1:${port}/postgres`,
    stop: async () => {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once("exit", resolve));
        // Signal the postmaster itself (runuser does not pass signals on): SIGINT = fast shutdown.
        const pid = Number((await readFile(join(data, "postmaster.pid"), "utf8").catch(() => "")).split("\n")[0]);
        if (pid > 0) process.kill(pid, "SIGINT");
        else server.kill("SIGINT");
        const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
