import type { CreateEventTypeInput, PageQuery, UpdateEventTypeInput } from './schemas/index.js';
import type { EventTypeEnvelope, EventTypeList, PublicEventTypeEnvelope } from './responses.js';
import type { RequestOptions, Transport } from './transport.js';
import { eventPath, path } from './path.js';

export class EventTypes {
  constructor(private readonly transport: Transport) {}

  /** The public view of `alice/intro` (no auth). */
  getPublic(event: string, options?: RequestOptions): Promise<PublicEventTypeEnvelope> {
    return this.transport.request({ method: 'GET', path: `/v1/event-types/${eventPath(event)}`, options });
  }

  create(input: CreateEventTypeInput, options?: RequestOptions): Promise<EventTypeEnvelope> {
    return this.transport.request({ method: 'POST', path: '/v1/event-types', body: input, options });
  }

  get(id: number, options?: RequestOptions): Promise<EventTypeEnvelope> {
    return this.transport.request({ method: 'GET', path: path`/v1/event-types/${id}`, options });
  }

  update(id: number, patch: UpdateEventTypeInput, options?: RequestOptions): Promise<EventTypeEnvelope> {
    return this.transport.request({ method: 'PATCH', path: path`/v1/event-types/${id}`, body: patch, options });
  }

  delete(id: number, options?: RequestOptions): Promise<void> {
    return this.transport.request({ method: 'DELETE', path: path`/v1/event-types/${id}`, options });
  }

  /** A page (`limit`, default 100, at most 500); `cursor`: the last page's `nextCursor`. */
  list(query: PageQuery = {}, options?: RequestOptions): Promise<EventTypeList> {
    return this.transport.request({ method: 'GET', path: '/v1/event-types', query: { ...query }, options });
  }
}
