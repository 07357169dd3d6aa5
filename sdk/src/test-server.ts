// Test-only: an msw server faking the OpenSlot API at the HTTP boundary (excluded from the build).
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

export const BASE_URL = 'https://api.openslot.test';
export const server = setupServer();

export function useTestServer(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}
