import type { CreateScheduleInput, PageQuery, UpdateScheduleInput } from './schemas/index.js';
import type { ScheduleEnvelope, ScheduleList } from './responses.js';
import type { RequestOptions, Transport } from './transport.js';
import { path } from './path.js';

export class Schedules {
  constructor(private readonly transport: Transport) {}

  create(input: CreateScheduleInput, options?: RequestOptions): Promise<ScheduleEnvelope> {
    return this.transport.request({ method: 'POST', path: '/v1/schedules', body: input, options });
  }

  get(id: number, options?: RequestOptions): Promise<ScheduleEnvelope> {
    return this.transport.request({ method: 'GET', path: path`/v1/schedules/${id}`, options });
  }

  update(id: number, patch: UpdateScheduleInput, options?: RequestOptions): Promise<ScheduleEnvelope> {
    return this.transport.request({ method: 'PATCH', path: path`/v1/schedules/${id}`, body: patch, options });
  }

  /** A page (`limit`, default 100, at most 500); `cursor`: the last page's `nextCursor`. */
  list(query: PageQuery = {}, options?: RequestOptions): Promise<ScheduleList> {
    return this.transport.request({ method: 'GET', path: '/v1/schedules', query: { ...query }, options });
  }
}
