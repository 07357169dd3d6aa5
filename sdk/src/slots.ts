import type { SlotsQuery, SlotsResponse } from './schemas/index.js';
import type { RequestOptions, Transport } from './transport.js';

export class Slots {
  constructor(private readonly transport: Transport) {}

  /** Free slots of an event between two dates (inclusive, in `timeZone`) or instants, keyed by day. */
  list(query: SlotsQuery, options?: RequestOptions): Promise<SlotsResponse> {
    return this.transport.request({ method: 'GET', path: '/v1/slots', query: { ...query }, options });
  }
}
