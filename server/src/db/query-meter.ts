import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import type { RequestHandler } from 'express';
import type { Knex } from 'knex';

export interface QueryMeasure {
  queries: number;
  durationMs: number;
}

interface QueryEvent {
  __knexQueryUid: string;
}

const current = new AsyncLocalStorage<QueryMeasure>();
const metered = new WeakSet<Knex>();

/**
 * Counts the queries and database time of whatever runs inside `measure()`, for `Server-Timing`
 * and for the tests that hold the query count of a slots request constant.
 */
export function meterQueries(db: Knex): void {
  if (metered.has(db)) return;
  metered.add(db);
  const started = new Map<string, { at: number; measure: QueryMeasure }>();
  db.on('query', (query: QueryEvent) => {
    const measure = current.getStore();
    if (measure) started.set(query.__knexQueryUid, { at: performance.now(), measure });
  });
  const finish = (_response: unknown, query: QueryEvent) => {
    const start = started.get(query.__knexQueryUid);
    if (!start) return;
    started.delete(query.__knexQueryUid);
    start.measure.queries += 1;
    start.measure.durationMs += performance.now() - start.at;
  };
  db.on('query-response', finish);
  db.on('query-error', (error: unknown, query: QueryEvent) => finish(error, query));
}

export async function measure<T>(work: () => Promise<T>): Promise<{ result: T; measure: QueryMeasure }> {
  const measure: QueryMeasure = { queries: 0, durationMs: 0 };
  const result = await current.run(measure, work);
  return { result, measure };
}

export function serverTiming(m: QueryMeasure): string {
  return `db;dur=${m.durationMs.toFixed(2)};desc="${m.queries} queries"`;
}

/**
 * Every write (POST, PATCH, DELETE) says what it cost the database too: its queries run inside a
 * measure, and `Server-Timing: db;dur=…;desc="N queries", total;dur=…` is set as the headers go
 * out. Reads set their own (GET /v1/slots).
 */
export function writeTiming(): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const started = performance.now();
    const m: QueryMeasure = { queries: 0, durationMs: 0 };
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
      if (!res.headersSent && res.getHeader('server-timing') === undefined) {
        res.setHeader('Server-Timing', `${serverTiming(m)}, total;dur=${(performance.now() - started).toFixed(2)}`);
      }
      return writeHead.apply(this, args);
    } as typeof writeHead;
    current.run(m, next);
  };
}
