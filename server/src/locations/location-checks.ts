import type { Location } from '@openslot/sdk/schemas';

/** Refuses fields a provider would silently ignore, so owners learn their setting has no effect. */
export function unexpectedField(config: Location, allowed: ReadonlyArray<'url' | 'address'>): string | null {
  for (const field of ['url', 'address'] as const) {
    if (config[field] !== undefined && !allowed.includes(field)) {
      return `a ${config.type} location takes no ${field}`;
    }
  }
  return null;
}

/**
 * Parses a URL an owner or operator gave us and requires plain https: no credentials, port or
 * fragment, because the link is mailed to every attendee.
 */
export function parseHttpsUrl(value: string): URL | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.hash) return null;
  return url;
}

/** A base URL from server settings, without trailing slash; a bad one is an operator error. */
export function baseUrlSetting(name: string, value: string | undefined, fallback: string): string {
  // An empty variable (`JITSI_BASE_URL=`) means unset, as in most .env files.
  const url = parseHttpsUrl(value || fallback);
  if (!url || url.search) throw new Error(`${name} must be an https URL without query, got "${value}"`);
  return url.href.replace(/\/+$/, '');
}

/** The URL's path split into non-empty, decoded segments. */
export function pathSegments(url: URL): string[] {
  return url.pathname.split('/').filter(Boolean);
}

/** Room names as meeting providers accept them in a path segment. */
export const ROOM_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
