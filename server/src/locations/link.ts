import type { LocationProviderFactory } from './location-provider.js';
import { parseHttpsUrl, unexpectedField } from './location-checks.js';

/** Any meeting link the owner manages themselves (Zoom, Teams, …), the same for every booking. */
export const linkProvider: LocationProviderFactory = () => ({
  type: 'link',
  validate: (config) => {
    if (config.url === undefined) return 'a link location needs a url';
    if (!parseHttpsUrl(config.url)) return 'a link location needs an https URL without credentials or fragment';
    return unexpectedField(config, ['url']);
  },
  resolve: (config) => ({ type: 'link', url: config.url ?? null, address: null }),
});
