import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every `METHOD /path` the app routes, read from Express's own router. */
function servedRoutes(app: Express): string[] {
  const walk = (stack: Layer[]): string[] =>
    stack.flatMap((layer) =>
      layer.route
        ? Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`)
        : layer.handle?.stack
          ? walk(layer.handle.stack)
          : [],
    );
  return walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
}

describe('GET /v1/openapi.json', () => {
  let app: TestApp;
  let document: any;
  beforeAll(async () => {
    app = await startTestApp();
    const res = await app.api('GET', '/v1/openapi.json', undefined, { token: null });
    expect(res.status).toBe(200);
    document = res.body;
  });
  afterAll(() => app.close());

  it('is an OpenAPI 3.1 document describing every API route the server serves, and no other', () => {
    expect(document.openapi).toBe('3.1.0');
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    const served = servedRoutes(createApp(app.services))
      .filter((route) => / \/(v1|health)/.test(route) && route !== 'GET /v1/openapi.json')
      .sort();
    expect(documented).toEqual(served);
  });

  it('takes request bodies and queries from the schemas the server validates with', () => {
    const booking = document.paths['/v1/bookings'].post.requestBody.content['application/json'].schema;
    expect(booking.required).toEqual(expect.arrayContaining(['event', 'start', 'timeZone', 'attendee']));
    expect(booking.properties.attendee.properties.email).toMatchObject({ type: 'string', format: 'email' });
    const slots = document.paths['/v1/slots'].get.parameters.map((p: { name: string; required: boolean }) => [p.name, p.required]);
    expect(slots).toEqual([['event', true], ['start', true], ['end', true], ['timeZone', false]]);
    expect(document.paths['/v1/event-types/{id}'].patch.requestBody.content['application/json'].schema.required).toBeUndefined();
  });
});
