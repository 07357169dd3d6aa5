import { html, nothing } from 'lit';
import type { PublicEventType } from '@openslot/sdk';
import type { Messages } from '../i18n/index.js';
import { formatPrice } from '../intl.js';
import { icon, type IconName } from './icons.js';

type Host = PublicEventType['hosts'][number];

const LOCATION_ICONS: Record<PublicEventType['locationType'], IconName> = { jitsi: 'video', mirotalk: 'video', '8x8': 'video', link: 'link', in_person: 'pin', phone: 'phone' };

/** "Alice Example" → "AE": the avatar of a host without a picture. */
export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => [...word][0]!.toUpperCase())
    .join('');

function avatar(host: Host) {
  return host.avatarUrl
    ? html`<img class="avatar" part="avatar" src=${host.avatarUrl} alt="" width="44" height="44" />`
    : html`<span class="avatar" part="avatar" aria-hidden="true">${initials(host.name) || '?'}</span>`;
}

/**
 * The host's avatar and name, the title, then duration, location and price with small icons, and
 * the description. Without an event type (still loading) the same lines stand empty, so the header
 * has its final height from the first paint on: nothing below the widget moves when the data
 * arrives (a longer description still adds its lines).
 */
export function renderHeader(eventType: PublicEventType | undefined, t: Messages, locale: string) {
  if (!eventType) {
    return html`<header part="header" class="skeleton" aria-hidden="true">
      <div class="host"><span class="avatar"></span><p class="hosts">&nbsp;</p></div>
      <h2>&nbsp;</h2><p class="meta">&nbsp;</p><p class="description">&nbsp;</p>
    </header>`;
  }
  const hosts = eventType.hosts;
  const price = eventType.price ? formatPrice(eventType.price.amount, eventType.price.currency, locale) : '';
  return html`<header part="header">
    <div class="host">
      <span class="avatars">${hosts.slice(0, 3).map(avatar)}</span>
      <p class="hosts">${hosts.map((h) => h.name).join(', ') || '\u00a0'}</p>
    </div>
    <h2 part="title">${eventType.title}</h2>
    <p class="meta">
      <span>${icon('clock')}${t.minutes(eventType.durationMinutes)}</span>
      <span>${icon(LOCATION_ICONS[eventType.locationType] ?? 'video')}${t.locations[eventType.locationType] ?? ''}</span>
      ${price ? html`<span>${icon('card')}${price}</span>` : nothing}
    </p>
    <p class="description">${eventType.description}</p>
  </header>`;
}
