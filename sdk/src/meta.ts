import type { RequestOptions, Transport } from './transport.js';

export interface Health {
  /** `ok`, or `degraded` (then the request failed with 503 and the SDK throws `ServerError`). */
  status: 'ok' | 'degraded';
  db: 'ok' | 'unreachable';
}

/** The server about itself: liveness and its OpenAPI document. */
export class Meta {
  constructor(private readonly transport: Transport) {}

  health(options?: RequestOptions): Promise<Health> {
    return this.transport.request({ method: 'GET', path: '/health', options });
  }

  /** The OpenAPI 3.1 document, generated from the same schemas as these types. */
  openapi(options?: RequestOptions): Promise<Record<string, unknown>> {
    return this.transport.request({ method: 'GET', path: '/v1/openapi.json', options });
  }
}
