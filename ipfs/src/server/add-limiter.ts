/**
 * How many `add` uploads run at once. Beyond `concurrency`, adds wait their turn in a queue of
 * at most `queueLength`; when that is full too, the next one is refused at once (HTTP 503 with
 * `Retry-After`) instead of piling up open uploads.
 */
import { IpfsError } from "../errors.ts";
import type { HttpStatusError } from "./rpc-error.ts";

export class AddQueueFullError extends IpfsError implements HttpStatusError {
  override name = "AddQueueFullError";
  readonly httpStatus = 503;
  readonly retryAfterSeconds = 1;
  constructor(
    readonly concurrency: number,
    readonly queueLength: number,
  ) {
    super({
      shortMessage: `too many adds at once: ${concurrency} running and ${queueLength} waiting`,
      hint: "retry shortly, or raise --max-concurrent-adds / --max-queued-adds",
    });
  }
}

export type AddLimiter = {
  /**
   * Waits for a free slot and returns the function that frees it. Throws `AddQueueFullError`
   * when the queue is full, or the signal's reason when it aborts while waiting.
   */
  acquire(signal?: AbortSignal): Promise<() => void>;
  readonly running: number;
  readonly waiting: number;
};

export function createAddLimiter({ concurrency, queueLength }: { concurrency: number; queueLength: number }) {
  let running = 0;
  const queue: Array<() => void> = [];

  const release = () => {
    const next = queue.shift();
    if (next) next();
    else running -= 1;
  };
  const once = (fn: () => void) => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      fn();
    };
  };

  const limiter: AddLimiter = {
    async acquire(signal) {
      signal?.throwIfAborted();
      if (running < concurrency) {
        running += 1;
        return once(release);
      }
      if (queue.length >= queueLength) throw new AddQueueFullError(concurrency, queueLength);
      return new Promise<() => void>((resolve, reject) => {
        const onAbort = () => {
          const index = queue.indexOf(grant);
          if (index >= 0) queue.splice(index, 1);
          reject(signal?.reason);
        };
        // A queued add inherits the slot of the one that finished: `running` stays the same.
        const grant = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(once(release));
        };
        queue.push(grant);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    },
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
  };
  return limiter;
}
