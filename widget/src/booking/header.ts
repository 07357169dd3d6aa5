import { html } from 'lit';
import type { PublicEventType } from '@openslot/sdk';
import type { Messages } from '../i18n/index.js';
import { formatPrice } from '../intl.js';

/**
 * Host, title, duration and price, description. Without an event type (still loading) the same
 * four lines stand empty, so the header has its final height from the first paint on: nothing
 * below the widget moves when the data arrives (a longer description still adds its lines).
 */
export function renderHeader(eventType: PublicEventType | undefined, t: Messages, locale: string) {
  if (!eventType) {
    return html`<header part="header" class="skeleton" aria-hidden="true"><p class="hosts">&nbsp;</p><h2>&nbsp;</h2><p class="meta">&nbsp;</p><p class="description">&nbsp;</p></header>`;
  }
  const hosts = eventType.hosts.map((h) => h.name).join(', ');
  const price = eventType.price ? formatPrice(eventType.price.amount, eventType.price.currency, locale) : '';
  return html`<header part="header">
    <p class="hosts">${hosts || '\u00a0'}</p>
    <h2 part="title">${eventType.title}</h2>
    <p class="meta">${t.minutes(eventType.durationMinutes)}${price ? ` · ${price}` : ''}</p>
    <p class="description">${eventType.description}</p>
  </header>`;
}
