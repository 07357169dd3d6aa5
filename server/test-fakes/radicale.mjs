import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

// A real CalDAV server for tests (server suite and e2e).
/**
 * A real CalDAV server: Debian's Radicale (python3-radicale, 3.1.8 on bookworm) on a free loopback
 * port with a throwaway folder, htpasswd users with plain passwords. Debian's own python3 runs it.
 */
export async function startRadicale(users = { alice: 'alice-app-password' }) {
  const folder = mkdtempSync(join(tmpdir(), 'openslot-radicale-'));
  const port = await freePort();
  writeFileSync(join(folder, 'users'), Object.entries(users).map(([user, password]) => `${user}:${password}`).join('\n') + '\n');
  writeFileSync(
    join(folder, 'radicale.conf'),
    `[server]\nhosts = 127.0.0.1:${port}\n[auth]\ntype = htpasswd\nhtpasswd_filename = ${join(folder, 'users')}\nhtpasswd_encryption = plain\n[storage]\nfilesystem_folder = ${join(folder, 'collections')}\n[logging]\nlevel = warning\n`,
  );
  const child = spawn('/usr/bin/python3', ['-m', 'radicale', '--config', join(folder, 'radicale.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}/`;
  users = { ...users };
  const auth = (user) => `Basic ${Buffer.from(`${user}:${users[user]}`).toString('base64')}`;
  const firstUser = Object.keys(users)[0];
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`radicale exited: ${stderr}`);
    const up = await fetch(url, { method: 'OPTIONS' }).then(() => true, () => false);
    if (up) break;
    if (tries > 200) throw new Error(`radicale did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    users,
    async makeCalendar(user, name) {
      const calendarUrl = `${url}${user}/${name}/`;
      const body = `<?xml version="1.0"?><c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop><d:displayname>${name}</d:displayname><c:supported-calendar-component-set><c:comp name="VEVENT"/></c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>`;
      const response = await fetch(calendarUrl, { method: 'MKCALENDAR', headers: { authorization: auth(user), 'content-type': 'application/xml' }, body });
      if (response.status !== 201) throw new Error(`MKCALENDAR ${response.status}: ${await response.text()}`);
      return calendarUrl;
    },
    async put(calendarUrl, name, ics, user = firstUser) {
      const target = `${calendarUrl}${name}`;
      const response = await fetch(target, { method: 'PUT', headers: { authorization: auth(user), 'content-type': 'text/calendar' }, body: ics });
      if (response.status !== 201 && response.status !== 204) throw new Error(`PUT ${response.status}: ${await response.text()}`);
      return target;
    },
    async objects(calendarUrl, user = firstUser) {
      const body = `<?xml version="1.0"?><c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"/></c:filter></c:calendar-query>`;
      const response = await fetch(calendarUrl, { method: 'REPORT', headers: { authorization: auth(user), depth: '1', 'content-type': 'application/xml' }, body });
      const xml = await response.text();
      return [...xml.matchAll(/<(?:\w+:)?calendar-data[^>]*>([\s\S]*?)<\/(?:\w+:)?calendar-data>/g)].map((match) => match[1].replace(/&#13;/g, '\r').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
    },
    setPassword(user, password) {
      users[user] = password;
      writeFileSync(join(folder, 'users'), Object.entries(users).map(([name, secret]) => `${name}:${secret}`).join('\n') + '\n');
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
