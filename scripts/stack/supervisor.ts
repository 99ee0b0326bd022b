/**
 * Runs the children of one stack and keeps watching them after they are ready.
 *
 * - Build steps (`run`) and services being started (`start`) are stopped the moment the stack
 *   halts: a signal, `stop()`, or a service that died for good.
 * - A service that exits after it was ready is reported (name, exit code or signal, last output
 *   lines). Its `restart` policy then decides: `on-failure` starts it again with the same
 *   command, up to `maxRestarts` times within `restartWindowMs`; `never` (or one restart too
 *   many) stops the whole stack, and `stopped` resolves with the failure.
 */
import { MarkspaceError } from "@markspace/common/errors";
import { describeExit, type ChildExit } from "./child.ts";
import {
  runCommand,
  startService,
  StackStoppedError,
  type RunCommandOptions,
  type Service,
  type ServiceOptions,
} from "./service.ts";

/** What happens when a service exits after it was ready. */
export type RestartPolicy = { policy: "on-failure" } | { policy: "never"; why: string };

export type ServiceSpec = Omit<ServiceOptions, "signal" | "onLine"> & { restart: RestartPolicy };

export type SupervisorOptions = {
  /** Progress and fault reports. */
  log?: (line: string) => void;
  /** Every output line of every child, by child name (`--verbose`). */
  onServiceLine?: (name: string, line: string) => void;
  /** Aborting stops the stack (what SIGINT/SIGTERM do). */
  signal?: AbortSignal;
  /** Restarts allowed per service within `restartWindowMs` before the stack gives up (default 3 in 5 min). */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** Pause before a restart (default 500 ms). */
  restartDelayMs?: number;
  /** Output lines quoted when a service dies (default 12). */
  reportLines?: number;
};

/** A service exited after it was ready and could not (or may not) be restarted. */
export class ServiceFailedError extends MarkspaceError {
  override name = "ServiceFailedError";
  readonly service: string;
  readonly exit: ChildExit;
  readonly lastLines: string[];

  constructor(params: { service: string; exit: ChildExit; lastLines: string[]; why: string }) {
    super({
      shortMessage: `${params.service} exited unexpectedly (${describeExit(params.exit)}); ${params.why}`,
      details: params.lastLines.length ? `Its last output:\n${params.lastLines.join("\n")}` : undefined,
      hint: "Run `npm start -- --verbose` to see every service's output as it happens.",
    });
    this.service = params.service;
    this.exit = params.exit;
    this.lastLines = params.lastLines;
  }
}

/** How a stack ended: on request, or because a service died for good. */
export type StackEnd = { failure?: ServiceFailedError };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Supervisor {
  private readonly halt = new AbortController();
  private readonly services: Service[] = [];
  private readonly restarts = new Map<string, number[]>();
  private readonly log: (line: string) => void;
  private readonly options: SupervisorOptions;
  private readonly started = performance.now();
  private stopping: Promise<void> | undefined;
  private endWith: (end: StackEnd) => void = () => {};
  private failureValue: ServiceFailedError | undefined;
  private readonly inFlight = new Set<Promise<unknown>>();

  /** Resolves once every child is stopped: after `stop()`, a signal, or a service that died for good. */
  readonly stopped: Promise<StackEnd>;

  constructor(options: SupervisorOptions = {}) {
    this.options = options;
    this.log = options.log ?? (() => {});
    this.stopped = new Promise((resolve) => (this.endWith = resolve));
    const external = options.signal;
    if (external) {
      const onAbort = () => void this.stop(external.reason);
      if (external.aborted) onAbort();
      else external.addEventListener("abort", onAbort, { once: true });
    }
  }

  /** Aborted when the stack stops; its reason is what stopped it. */
  get signal(): AbortSignal {
    return this.halt.signal;
  }

  /** The service failure that stopped the stack, if one did. */
  get failure(): ServiceFailedError | undefined {
    return this.failureValue;
  }

  /** Seconds since the supervisor was created, for progress lines. */
  elapsed(): string {
    return `${((performance.now() - this.started) / 1000).toFixed(1)} s`;
  }

  /** Runs a build step to completion; it is killed if the stack stops meanwhile. */
  run(name: string, command: string, args: readonly string[], options: Omit<RunCommandOptions, "signal"> = {}) {
    return this.track(
      runCommand(name, command, args, {
        ...options,
        onLine: this.lineSink(name, options.onLine),
        signal: this.halt.signal,
      }),
    );
  }

  /** Starts a service, waits until it is ready, then watches it until the stack stops. */
  async start(spec: ServiceSpec): Promise<Service> {
    const service = await this.track(this.spawn(spec));
    this.services.push(service);
    this.watch(spec, service);
    return service;
  }

  /** Waits for in-process work (deploying, seeding), but gives up at once when the stack stops. */
  guard<T>(work: Promise<T>): Promise<T> {
    work.catch(() => {}); // it may fail after the stack stopped; nobody waits for it then
    const signal = this.halt.signal;
    if (signal.aborted) return Promise.reject(this.haltReason());
    return this.track(
      new Promise<T>((resolve, reject) => {
        const onAbort = () => reject(this.haltReason());
        signal.addEventListener("abort", onAbort, { once: true });
        work.then(
          (value) => {
            signal.removeEventListener("abort", onAbort);
            resolve(value);
          },
          (error: unknown) => {
            signal.removeEventListener("abort", onAbort);
            reject(error);
          },
        );
      }),
    );
  }

  /**
   * Stops every child: running build steps, services still starting and ready ones (newest
   * first, all within a few seconds). Safe to call more than once.
   */
  stop(reason?: unknown): Promise<void> {
    this.stopping ??= (async () => {
      this.halt.abort(reason ?? new StackStoppedError({ shortMessage: "The stack was stopped" }));
      const services = this.services.splice(0).reverse();
      await Promise.all(services.map((service) => service.stop()));
      // Build steps and starting services stop through the abort signal; wait until they have.
      await Promise.allSettled([...this.inFlight]);
      this.endWith({ failure: this.failureValue });
    })();
    return this.stopping;
  }

  private haltReason(): unknown {
    return this.failureValue ?? this.halt.signal.reason;
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const forget = () => this.inFlight.delete(work);
    work.then(forget, forget);
    return work;
  }

  private lineSink(name: string, also?: (line: string) => void) {
    return (line: string) => {
      also?.(line);
      this.options.onServiceLine?.(name, line);
    };
  }

  private spawn(spec: ServiceSpec): Promise<Service> {
    const { restart: _restart, ...options } = spec;
    return startService({ ...options, onLine: this.lineSink(spec.name), signal: this.halt.signal });
  }

  private watch(spec: ServiceSpec, service: Service): void {
    void service.exited.then((exit) => {
      if (service.stopRequested() || this.halt.signal.aborted) return;
      void this.recover(spec, service, exit);
    });
  }

  private async recover(spec: ServiceSpec, service: Service, exit: ChildExit): Promise<void> {
    const lastLines = service.lastLines().slice(-(this.options.reportLines ?? 12));
    this.log(`✗ ${spec.name} exited unexpectedly (${describeExit(exit)}) at ${this.elapsed()}.`);
    if (lastLines.length) {
      this.log(`  its last output:`);
      for (const line of lastLines) this.log(`    ${spec.name} | ${line}`);
    }
    const index = this.services.indexOf(service);
    if (index >= 0) this.services.splice(index, 1);

    const max = this.options.maxRestarts ?? 3;
    const windowMs = this.options.restartWindowMs ?? 300_000;
    const now = Date.now();
    const recent = (this.restarts.get(spec.name) ?? []).filter((time) => now - time < windowMs);
    if (spec.restart.policy === "never") return this.fail(spec.name, exit, lastLines, spec.restart.why);
    if (recent.length >= max)
      return this.fail(
        spec.name,
        exit,
        lastLines,
        `it was restarted ${recent.length} times within ${Math.round(windowMs / 1000)} s already`,
      );

    this.restarts.set(spec.name, [...recent, now]);
    this.log(
      `  restarting ${spec.name} (restart ${recent.length + 1} of at most ${max} within ${Math.round(windowMs / 1000)} s)…`,
    );
    try {
      await this.guard(sleep(this.options.restartDelayMs ?? 500));
      const again = await this.track(this.spawn(spec));
      if (this.halt.signal.aborted) return void (await again.stop());
      this.services.push(again);
      this.watch(spec, again);
      this.log(`  ${spec.name} is running again (at ${this.elapsed()})`);
    } catch (error) {
      if (this.halt.signal.aborted) return;
      const why = `restarting it failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
      return this.fail(spec.name, exit, lastLines, why);
    }
  }

  private fail(service: string, exit: ChildExit, lastLines: string[], why: string): void {
    if (this.halt.signal.aborted) return;
    this.failureValue = new ServiceFailedError({ service, exit, lastLines, why });
    this.log(`  stopping the stack: ${why}`);
    void this.stop(this.failureValue);
  }
}
