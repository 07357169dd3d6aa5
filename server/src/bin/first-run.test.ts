import { execFile } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBin } from '../test-support/openslot-bin.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { testDialect } from '../test-support/test-db.js';

const root = new URL('../../../', import.meta.url).pathname;
const bin = `${root}node_modules/.bin/openslot`;

/** Runs the installed `openslot` command as a person would; its exit code and what it printed. */
async function openslot(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(bin, args, { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** A database that is not there: a MySQL database never created, or an SQLite file in a folder that cannot be. */
function missingDatabase(): { url: string; says: RegExp } {
  if (testDialect() === 'mysql') {
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = '/openslot_never_created';
    return { url: url.toString(), says: /^openslot: the MySQL database "openslot_never_created" does not exist: create it \(CREATE DATABASE/ };
  }
  return { url: 'sqlite:/dev/null/openslot/data.db', says: /^openslot: cannot create the folder for the SQLite database/ };
}

describe('first run', () => {
  let busy: Server;
  let app: TestApp;
  beforeAll(async () => {
    await buildBin();
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, resolve));
    app = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    busy.close();
    await app.close();
  });

  it('`npx openslot --help` works right after npm install: the workspace bin is linked to a file in the repository', async () => {
    const pkg = JSON.parse(readFileSync(`${root}server/package.json`, 'utf8')) as { bin: { openslot: string }; files: string[] };
    expect(pkg.files).toContain(pkg.bin.openslot.split('/')[1]);
    expect(existsSync(bin)).toBe(true);
    expect(realpathSync(bin)).toBe(realpathSync(`${root}server/${pkg.bin.openslot}`));
    const help = await openslot(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: openslot <command>/);
    expect(help.stdout).toContain('serve');
  });

  it('a busy port is one clear line, and exit code 1', async () => {
    const port = (busy.address() as { port: number }).port;
    const run = await openslot(['serve'], { PORT: String(port), DATABASE_URL: 'sqlite::memory:' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`openslot: port ${port} is already in use: stop what listens there, or set PORT to another port`);
  });

  it(`a missing database (${testDialect()}) is one clear line, for serve, worker and migrate alike`, async () => {
    const { url, says } = missingDatabase();
    const commands = ['serve', 'worker', 'migrate'];
    const runs = await Promise.all(commands.map((command) => openslot([command], { DATABASE_URL: url, PORT: '0' })));
    for (const [k, run] of runs.entries()) {
      const command = commands[k];
      expect(run.code, command).toBe(1);
      expect(run.stderr.trim().split('\n'), command).toHaveLength(1);
      expect(run.stderr.trim(), command).toMatch(says);
    }
  });

  it('`GET /` is a small JSON index: name, version, and where the API description, the widget and the guide are', async () => {
    const res = await app.api('GET', '/', undefined, { token: null });
    expect(res.status).toBe(200);
    const { version } = JSON.parse(readFileSync(`${root}server/package.json`, 'utf8')) as { version: string };
    const site = app.services.config.publicUrl;
    expect(res.body).toEqual({
      name: 'OpenSlot',
      version,
      links: { openapi: `${site}/v1/openapi.json`, widget: `${site}/widget.js`, health: `${site}/health`, docs: `${site}/docs` },
    });
    const guide = await fetch(`${app.url}/docs`);
    expect(guide.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(await guide.text()).toContain('`overrides` replaces the whole list');
  });
});
