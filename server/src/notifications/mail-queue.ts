import type { Logger } from '../logger.js';
import { mailLogFields, type MailMessage, type MailOutbox } from './mail-message.js';

/** The timer functions the queue waits with between attempts; tests pass ones that do not wait. */
export interface RetryTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface MailQueueOptions {
  /** One delivery attempt; rejects when it fails. */
  send(message: MailMessage): Promise<void>;
  logger: Logger;
  /** Waits before the 2nd, 3rd … attempt; its length + 1 is the number of attempts. */
  retryDelaysMs?: readonly number[];
  /** A failure no retry can fix (an SMTP 5xx such as "no such mailbox"). */
  isPermanent?: (error: unknown) => boolean;
  timers?: RetryTimers;
}

export interface MailQueue extends MailOutbox {
  /** Resolves once every message handed over so far is sent or given up on. */
  idle(): Promise<void>;
  /** Stops taking messages, abandons pending retries (logged), and waits for sends in flight. */
  close(): Promise<void>;
}

export const DEFAULT_RETRY_DELAYS_MS = [5_000, 60_000];

/**
 * In-process delivery: `enqueue` returns at once and the message goes out after the caller has
 * moved on, so mail can never fail or slow a booking request. Lost if the process dies; a durable
 * outbox can replace it behind the same `MailOutbox` interface.
 */
export function createMailQueue(options: MailQueueOptions): MailQueue {
  const { send, logger, retryDelaysMs = DEFAULT_RETRY_DELAYS_MS, isPermanent = () => false, timers = globalThis } = options;
  const deliveries = new Set<Promise<void>>();
  const retryWaits = new Set<() => void>();
  let closed = false;

  // A send that fails after close() has nothing to wait for: closing abandons retries.
  const waitToRetry = (ms: number): Promise<boolean> =>
    closed ? Promise.resolve(false) : new Promise((resolve) => {
      const abandon = () => {
        timers.clearTimeout(handle);
        resolve(false);
      };
      const handle = timers.setTimeout(() => {
        retryWaits.delete(abandon);
        resolve(true);
      }, ms);
      retryWaits.add(abandon);
    });

  async function deliver(message: MailMessage): Promise<void> {
    // Let the request that enqueued the mail finish first; building MIME takes CPU time.
    await new Promise((resolve) => setImmediate(resolve));
    const fields = mailLogFields(message);
    for (let attempt = 1; ; attempt++) {
      try {
        await send(message);
        return;
      } catch (error) {
        const delay = retryDelaysMs[attempt - 1];
        const failure = { ...fields, attempt, error: describe(error) };
        if (delay === undefined || isPermanent(error)) return logger.error('mail not delivered', failure);
        logger.warn('mail delivery failed, will retry', { ...failure, retryInMs: delay });
        if (!(await waitToRetry(delay))) return logger.error('mail not delivered: mailer closed before retry', failure);
      }
    }
  }

  const idle = async (): Promise<void> => {
    while (deliveries.size > 0) await Promise.all(deliveries);
  };

  return {
    idle,
    enqueue(message) {
      if (closed) return logger.error('mail not delivered: mailer closed', mailLogFields(message));
      const delivery = deliver(message)
        .catch((error) => logger.error('mail delivery crashed', { ...mailLogFields(message), error: describe(error) }))
        .finally(() => deliveries.delete(delivery));
      deliveries.add(delivery);
    },
    async close() {
      closed = true;
      for (const abandon of retryWaits) abandon();
      retryWaits.clear();
      await idle();
    },
  };
}

// SMTP errors carry the server's reply, which names the recipient at most; never the message body.
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { responseCode?: number }).responseCode;
  return code ? `${code} ${error.message}` : error.message;
}
