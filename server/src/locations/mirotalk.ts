import type { LocationProviderFactory } from './location-provider.js';
import { baseUrlSetting, parseHttpsUrl, pathSegments, ROOM_NAME, unexpectedField } from './location-checks.js';

const PUBLIC_HOSTS = ['p2p.mirotalk.com', 'sfu.mirotalk.com'];

/**
 * MiroTalk (P2P, SFU or self-hosted): a fixed room URL given by the owner (`https://<host>/join/<room>`
 * on a MiroTalk host), or else a fresh room per booking on the configured server.
 */
export const mirotalkProvider: LocationProviderFactory = (settings) => {
  const baseUrl = baseUrlSetting('MIROTALK_BASE_URL', settings.mirotalkBaseUrl, 'https://p2p.mirotalk.com');
  const hosts = new Set([...PUBLIC_HOSTS, new URL(baseUrl).host]);

  const isRoomUrl = (value: string): boolean => {
    const url = parseHttpsUrl(value);
    if (!url || url.search || !hosts.has(url.host)) return false;
    const [join, room, ...rest] = pathSegments(url);
    return join === 'join' && room !== undefined && ROOM_NAME.test(room) && rest.length === 0;
  };

  return {
    type: 'mirotalk',
    validate: (config) => {
      if (config.url !== undefined && !isRoomUrl(config.url)) {
        return `a mirotalk URL looks like https://p2p.mirotalk.com/join/<room> (hosts: ${[...hosts].join(', ')})`;
      }
      return unexpectedField(config, ['url']);
    },
    resolve: (config, { newRoomName }) => ({
      type: 'mirotalk',
      url: config.url ?? `${baseUrl}/join/${newRoomName()}`,
      address: null,
    }),
  };
};
