import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import knex, { type Knex } from 'knex';
import { createApp, createServices, type Services } from '../app.js';
import { fixedClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { createDb } from '../db/knex.js';
import { migrateLatest } from '../db/migrate.js';
import { silentLogger } from '../logger.js';

export const ADMIN = { kind: 'admin' } as const;

/** A real app on a real port over a fresh database: `sqlite:` in a temp file, or DATABASE_URL's MySQL. */
export async function benchApp(name: string, now: string, env: Record<string, string> = {}): Promise<{ url: string; services: Services; clock: ReturnType<typeof fixedClock>; close(): Promise<void> }> {
  const sqliteFile = join(tmpdir(), `openslot-bench-${name}-${process.pid}.db`);
  const databaseUrl = process.env.DATABASE_URL?.startsWith('mysql://') ? await scratchMysql(process.env.DATABASE_URL, name) : `sqlite:${sqliteFile}`;
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', OPENSLOT_ADMIN_KEY: 'bench-admin-key-0123456789', RATE_LIMITS: 'off', ...env });
  const db = createDb(databaseUrl);
  await migrateLatest(db);
  const clock = fixedClock(now);
  const services = await createServices({ config, db, clock, logger: silentLogger });
  const server: Server = await new Promise((resolve) => {
    const listening = createApp(services).listen(0, () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    services,
    clock,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.destroy();
      for (const suffix of ['', '-wal', '-shm']) rmSync(sqliteFile + suffix, { force: true });
    },
  };
}

async function scratchMysql(url: string, name: string): Promise<string> {
  const server = new URL(url);
  const database = `openslot_bench_${name}`;
  server.pathname = '/';
  const admin = createDb(server.toString().replace(/\/$/, '/mysql'));
  await admin.raw(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin.raw(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4`);
  await admin.destroy();
  server.pathname = `/${database}`;
  return server.toString();
}

/** Median of `runs` timings of `work` in ms, after `warmup` untimed runs. */
export async function medianMs(work: () => unknown, runs = 30, warmup = 5): Promise<number> {
  for (let i = 0; i < warmup; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** The `db` and `total` figures of a Server-Timing header. */
export function parseServerTiming(header: string | null): { dbMs: number; queries: number; totalMs: number } {
  const dbMs = Number(/db;dur=([\d.]+)/.exec(header ?? '')?.[1] ?? NaN);
  const queries = Number(/desc="(\d+) queries"/.exec(header ?? '')?.[1] ?? NaN);
  const totalMs = Number(/total;dur=([\d.]+)/.exec(header ?? '')?.[1] ?? NaN);
  return { dbMs, queries, totalMs };
}

export const fmt = (ms: number) => ms.toFixed(2).padStart(8);

export interface Database {
  url: string;
  label: string;
  drop(): Promise<void>;
}

/** A fresh database for a server process: an SQLite file in a temp folder, or a scratch database on DATABASE_URL's MySQL. */
export async function scratchDatabase(): Promise<Database> {
  const given = process.env.DATABASE_URL;
  if (given?.startsWith('mysql://')) {
    const server = new URL(given);
    const name = `openslot_bench_${Date.now()}`;
    const adminUrl = new URL(given);
    adminUrl.pathname = '/';
    const admin: Knex = knex({ client: 'mysql2', connection: { uri: adminUrl.toString() } as Knex.MySql2ConnectionConfig });
    await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
    const version = (await admin.raw('select version() as v'))[0][0].v as string;
    server.pathname = `/${name}`;
    return {
      url: server.toString(),
      label: `MySQL ${version}`,
      async drop() {
        await admin.raw(`DROP DATABASE IF EXISTS \`${name}\``);
        await admin.destroy();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'openslot-bench-'));
  return { url: `sqlite:${join(dir, 'bench.db')}`, label: 'SQLite (file, WAL)', drop: async () => rmSync(dir, { recursive: true, force: true }) };
}
