export interface Radicale {
  /** The server's root, `http://127.0.0.1:PORT/`. */
  url: string;
  users: Record<string, string>;
  /** A calendar collection of `user` (made by MKCALENDAR), as a URL ending in `/`. */
  makeCalendar(user: string, name: string): Promise<string>;
  /** PUTs one iCalendar object; returns its URL. */
  put(calendarUrl: string, name: string, ics: string, user?: string): Promise<string>;
  /** The iCalendar text of every object in a calendar. */
  objects(calendarUrl: string, user?: string): Promise<string[]>;
  /** Changes a user's password, as an account owner revoking an app password would. */
  setPassword(user: string, password: string): void;
  stop(): Promise<void>;
}

/** Debian's Radicale (python3-radicale) on a free loopback port with a throwaway folder. */
export function startRadicale(users?: Record<string, string>): Promise<Radicale>;
