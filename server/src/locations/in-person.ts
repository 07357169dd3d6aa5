import type { LocationProviderFactory } from './location-provider.js';
import { parseHttpsUrl } from './location-checks.js';

/** A place to meet: the address is required; an https URL (a map, directions) is optional. */
export const inPersonProvider: LocationProviderFactory = () => ({
  type: 'in_person',
  validate: (config) => {
    if (!config.address?.trim()) return 'an in_person location needs an address';
    if (config.url !== undefined && !parseHttpsUrl(config.url)) return 'an in_person url must be an https URL';
    return null;
  },
  resolve: (config) => ({ type: 'in_person', url: config.url ?? null, address: config.address?.trim() ?? null }),
});
