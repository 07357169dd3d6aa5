export interface FakeGoogleEvent {
  id: string;
  calendarId: string;
  summary?: string;
  status?: string;
  transparency?: string;
  start: { dateTime: string };
  end: { dateTime: string };
  [key: string]: unknown;
}

export interface FakeGoogle {
  url: string;
  email: string;
  events: Map<string, FakeGoogleEvent>;
  requests: Array<{ method: string; path: string; query: Record<string, string>; body: string }>;
  knobs: { calendarErrors: Set<string>; rateLimit: { times: number; retryAfter: number }; hangFreeBusy: boolean; loseNextInsertAnswer: boolean; accessTokenTtl: number };
  addEvent(calendarId: string, start: string, end: string, extra?: Record<string, unknown>): string;
  revokeAll(): void;
  liveEvents(calendarId: string): FakeGoogleEvent[];
  close(): Promise<void>;
}

export function startFakeGoogle(options?: { email?: string; port?: number; calendars?: Array<{ id: string; summary: string; primary?: boolean; accessRole?: string }> }): Promise<FakeGoogle>;
