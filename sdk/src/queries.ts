import { QueryClient, type QueryKey } from '@tanstack/query-core';
import type { OpenSlotClient } from './client.js';
import type { PublicEventType, SlotsResponse } from './schemas/index.js';
import { addMonths, monthRange } from './month.js';

/*
 * Query helpers: each returns `{queryKey, queryFn}` for query-core (or any TanStack adapter).
 * Slots are cached one month per entry, so paging back and forth costs nothing and two widgets
 * on a page showing the same month share one request.
 */

export interface SlotsQueryParams {
  event: string;
  /** `2026-12` */
  month: string;
  timeZone: string;
}

/** Every key starts with the server, so two clients for two servers never share an entry. */
export const queryKeys = {
  all: (client: OpenSlotClient) => ['openslot', client.baseUrl] as const,
  eventType: (client: OpenSlotClient, event: string) => ['openslot', client.baseUrl, 'event-type', event] as const,
  slotsOf: (client: OpenSlotClient, event: string) => ['openslot', client.baseUrl, 'slots', event] as const,
  slots: (client: OpenSlotClient, { event, month, timeZone }: SlotsQueryParams) =>
    ['openslot', client.baseUrl, 'slots', event, timeZone, month] as const,
};

export function slotsQuery(client: OpenSlotClient, params: SlotsQueryParams) {
  return {
    queryKey: queryKeys.slots(client, params) as QueryKey,
    // The server lets HTTP caches keep slots a few seconds; after `invalidateSlots` (a booking,
    // cancel or reschedule) the refetch asks the server itself, so a taken slot is gone at once.
    queryFn: ({ signal, client: queryClient, queryKey }: { signal: AbortSignal; client?: QueryClient; queryKey?: QueryKey }): Promise<SlotsResponse> => {
      const invalidated = queryKey !== undefined && queryClient?.getQueryState(queryKey)?.isInvalidated === true;
      return client.slots.list({ event: params.event, ...monthRange(params.month), timeZone: params.timeZone }, { signal, ...(invalidated && { cache: 'no-cache' as const }) });
    },
  };
}

export function eventTypeQuery(client: OpenSlotClient, event: string) {
  return {
    queryKey: queryKeys.eventType(client, event) as QueryKey,
    queryFn: async ({ signal }: { signal: AbortSignal }): Promise<PublicEventType> =>
      (await client.eventTypes.getPublic(event, { signal })).eventType,
  };
}

/** Warms the month after `params.month`, so the "next month" button shows slots at once. */
export function prefetchNextMonth(queryClient: QueryClient, client: OpenSlotClient, params: SlotsQueryParams): Promise<void> {
  return queryClient.prefetchQuery(slotsQuery(client, { ...params, month: addMonths(params.month, 1) }));
}

/** After a booking (or cancel/reschedule) every cached month of the event is stale: a slot was taken or freed. */
export function invalidateSlots(queryClient: QueryClient, client: OpenSlotClient, event: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: queryKeys.slotsOf(client, event) });
}

/**
 * A QueryClient tuned for availability: data counts as fresh for 30 s (slots change when someone
 * books), and query-core does not retry on its own because the transport already retries what is
 * safe to retry.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, gcTime: 10 * 60_000, retry: false, refetchOnWindowFocus: true },
    },
  });
}
