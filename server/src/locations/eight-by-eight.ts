import type { LocationProviderFactory } from './location-provider.js';
import { baseUrlSetting, parseHttpsUrl, pathSegments, ROOM_NAME, unexpectedField } from './location-checks.js';

/**
 * 8x8 Meet: a fixed `https://8x8.vc/<tenant>/<room>` (or `https://8x8.vc/<room>`) given by the owner,
 * or else a fresh room per booking on the configured base (which may carry the tenant).
 */
export const eightByEightProvider: LocationProviderFactory = (settings) => {
  const baseUrl = baseUrlSetting('EIGHT_BY_EIGHT_BASE_URL', settings.eightByEightBaseUrl, 'https://8x8.vc');

  const isRoomUrl = (value: string): boolean => {
    const url = parseHttpsUrl(value);
    // A query string could carry a JaaS token; it has no place in a link mailed to attendees.
    if (!url || url.search || url.host !== '8x8.vc') return false;
    const segments = pathSegments(url);
    return segments.length >= 1 && segments.length <= 2 && segments.every((s) => ROOM_NAME.test(s));
  };

  return {
    type: '8x8',
    validate: (config) => {
      if (config.url !== undefined && !isRoomUrl(config.url)) {
        return 'an 8x8 URL looks like https://8x8.vc/<tenant>/<room>';
      }
      return unexpectedField(config, ['url']);
    },
    resolve: (config, { newRoomName }) => ({
      type: '8x8',
      url: config.url ?? `${baseUrl}/${newRoomName()}`,
      address: null,
    }),
  };
};
