// A stand-in for a real service in the launcher's tests: listens on a port, prints a ready line,
// and optionally starts a grandchild (as tsx and next do) or ignores SIGTERM.
//   node fake-service.mjs --port N [--grandchild] [--ignore-term] [--exit-after MS --exit-code C] [--tag T]
// With --port 0 it picks a free port and prints it: "fake ready on <port>".
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    grandchild: { type: "boolean", default: false },
    "ignore-term": { type: "boolean", default: false },
    "exit-after": { type: "string" },
    "exit-code": { type: "string", default: "0" },
    // Ignored: lets a test find this process by its command line.
    tag: { type: "string" },
  },
});
if (values.grandchild) {
  const grandchild = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  console.log(`grandchild ${grandchild.pid}`);
}
if (values["ignore-term"]) process.on("SIGTERM", () => console.log("ignoring SIGTERM"));
const server = createServer((socket) => socket.end("hello\n"));
server.listen(Number(values.port), "127.0.0.1", () => {
  console.log("warming up");
  console.log(`fake ready on ${server.address().port}`);
});
if (values["exit-after"]) {
  setTimeout(() => {
    console.error("fake: out of coffee");
    process.exit(Number(values["exit-code"]));
  }, Number(values["exit-after"]));
}
