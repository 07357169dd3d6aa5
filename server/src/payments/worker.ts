import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';

/** A periodic payment task: the shape of the job queue's `worker.every(name, intervalMs, run)`. */
export interface PaymentTask {
  name: string;
  intervalMs: number;
  run(now: number): Promise<void>;
}

/**
 * Runs the payment tasks on their intervals, one task at a time, in `openslot serve` and
 * `openslot worker`. Everything a task does is found from database rows (payments in a state,
 * refunds requested), so a process that dies loses nothing: the next one picks the rows up, and
 * two processes racing for one row are kept apart by its conditional updates and by Stripe's
 * idempotency keys. `kick` runs the frequent tasks at once after a commit that asked for work.
 */
export function createPaymentsWorker(deps: { tasks: PaymentTask[]; clock: Clock; logger: Logger }) {
  const { tasks, clock, logger } = deps;
  const timers: Array<ReturnType<typeof setInterval>> = [];
  let running: Promise<void> = Promise.resolve();
  let kicked = false;
  const tracked = new Set<Promise<unknown>>();

  /** One after the other, so a slow Stripe never makes two rounds of one task overlap. */
  function run(chosen: PaymentTask[]): Promise<void> {
    running = running.then(async () => {
      for (const task of chosen) {
        await task.run(clock.now()).catch((error: unknown) => logger.error('payment task failed', { task: task.name, error: String(error) }));
      }
    });
    return running;
  }

  const frequent = () => tasks.filter((task) => task.intervalMs <= 60_000);

  return {
    start(): void {
      for (const task of tasks) {
        const timer = setInterval(() => void run([task]), task.intervalMs);
        timer.unref();
        timers.push(timer);
      }
      // Catch up at start: holds that ended and refunds requested while no worker ran.
      void run(tasks);
    },

    async stop(): Promise<void> {
      for (const timer of timers.splice(0)) clearInterval(timer);
      await running;
    },

    kick(): void {
      if (kicked) return;
      kicked = true;
      setImmediate(() => {
        kicked = false;
        void run(frequent());
      });
    },

    /** Work started outside the tasks (a session made right after commit), for `idle`. */
    track(work: Promise<unknown>): void {
      const settled = work.catch((error: unknown) => logger.error('payment work failed', { error: String(error) })).finally(() => tracked.delete(settled));
      tracked.add(settled);
    },

    /** Every task once, now (tests move the clock and call this). */
    runOnce: () => run(tasks),

    /** Resolves when the work started so far is done (tests wait for after-commit work with it). */
    idle: async () => {
      let seen: Promise<void>;
      do {
        seen = running;
        await Promise.all([seen, ...tracked]);
        await new Promise((resolve) => setImmediate(resolve));
      } while (seen !== running || kicked || tracked.size > 0);
    },
  };
}

export type PaymentsWorker = ReturnType<typeof createPaymentsWorker>;
