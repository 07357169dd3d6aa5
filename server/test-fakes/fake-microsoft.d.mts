export interface FakeGraphEvent {
  id: string;
  calendarId: string;
  subject?: string;
  showAs?: string;
  isCancelled?: boolean;
  transactionId?: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  [key: string]: unknown;
}

export interface FakeMicrosoft {
  url: string;
  email: string;
  events: Map<string, FakeGraphEvent>;
  requests: Array<{ method: string; path: string; query: Record<string, string>; body: string; prefer: string | null }>;
  knobs: { rateLimit: { times: number; retryAfter: number }; loseNextCreateAnswer: boolean; pageSize: number; accessTokenTtl: number };
  /** Every refresh token issued, oldest first. */
  issuedRefreshTokens: string[];
  addEvent(calendarId: string, start: string, end: string, extra?: Record<string, unknown>): string;
  liveEvents(calendarId: string): FakeGraphEvent[];
  revokeAll(): void;
  close(): Promise<void>;
}

export function startFakeMicrosoft(options?: { email?: string; port?: number }): Promise<FakeMicrosoft>;
