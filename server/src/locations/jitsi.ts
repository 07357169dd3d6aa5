import type { LocationProviderFactory } from './location-provider.js';
import { baseUrlSetting, unexpectedField } from './location-checks.js';

/** A fresh Jitsi Meet room per booking on the configured server. */
export const jitsiProvider: LocationProviderFactory = (settings) => {
  const baseUrl = baseUrlSetting('JITSI_BASE_URL', settings.jitsiBaseUrl, 'https://meet.jit.si');
  return {
    type: 'jitsi',
    validate: (config) =>
      config.url !== undefined
        ? 'a jitsi location gets a fresh room per booking; use type "link" for a fixed meeting URL'
        : unexpectedField(config, []),
    resolve: (_config, { newRoomName }) => ({ type: 'jitsi', url: `${baseUrl}/${newRoomName()}`, address: null }),
  };
};
