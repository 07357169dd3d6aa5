import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtHostPath, builtWidgetPath, createWidgetRouter } from './widget.router.js';

// Raw node:http, so the test sees the bytes on the wire (fetch would decompress them).
function get(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('GET /widget.js', () => {
  const source = `export const widget = ${JSON.stringify('x'.repeat(20_000))};\n`;
  let url = '';
  let missingUrl = '';
  const servers: Array<{ close(): void }> = [];
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openslot-widget-'));
    writeFileSync(join(dir, 'openslot.js'), source);
    for (const file of [join(dir, 'openslot.js'), join(dir, 'missing.js')]) {
      const app = express().use(createWidgetRouter({ file: () => file }));
      const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
        const listening = app.listen(0, () => resolve(listening));
      });
      servers.push(server);
      const address = `http://127.0.0.1:${(server.address() as AddressInfo).port}/widget.js`;
      if (file.endsWith('openslot.js')) url = address;
      else missingUrl = address;
    }
  });
  afterAll(() => servers.forEach((server) => server.close()));

  it('sends brotli or gzip as the browser accepts, the same module either way', async () => {
    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.body.length).toBeLessThan(source.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(source);

    const gzip = await get(url, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(source);

    const plain = await get(url, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(source);
  });

  it('answers a revalidation with 304 and no body', async () => {
    const first = await get(url, { 'accept-encoding': 'gzip' });
    const again = await get(url, { 'accept-encoding': 'gzip', 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('says so with a 503 when the widget has not been built', async () => {
    const res = await get(missingUrl, {});
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body.toString()).error.code).toBe('widget_not_built');
  });
});

describe('GET /host.js', () => {
  it('serves the host components, a bundle apart from the booker’s', async () => {
    expect(builtHostPath()).toMatch(/widget\/dist\/host\.js$/);
    expect(builtHostPath()).not.toBe(builtWidgetPath());
    const dir = mkdtempSync(join(tmpdir(), 'openslot-host-'));
    const hostFile = join(dir, 'host.js');
    writeFileSync(hostFile, 'export const host = 1;\n');
    const app = express().use(createWidgetRouter({ path: '/host.js', file: () => hostFile }));
    const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
      const listening = app.listen(0, () => resolve(listening));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const host = await get(`${base}/host.js`, {});
      expect(host.status).toBe(200);
      expect(host.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(host.body.toString()).toBe('export const host = 1;\n');
      expect((await get(`${base}/widget.js`, {})).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
