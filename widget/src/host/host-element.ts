import { html, LitElement, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { OpenSlotClient } from '@openslot/sdk';
import { OpenSlotErrorEvent } from '../events.js';
import { scriptOrigin } from '../api.js';
import { hostClient } from './api.js';
import { describeError } from './errors.js';
import { hostMessagesFor, type HostMessages } from './i18n/index.js';
import type { LoadController } from './load-controller.js';

/**
 * What every host component shares: the server, the credential, the host it acts for, the
 * language, and reporting failures as `openslot-error`. One level, no tower: each component's
 * behaviour lives in its own class and in controllers.
 */
export class OpenSlotHostElement extends LitElement {
  /** The OpenSlot server; defaults to the origin `host.js` was loaded from. */
  @property() api = scriptOrigin();
  /** A session token minted by your backend (`client.sessionTokens.create`), or an API key; sent as `Authorization: Bearer`. */
  @property() token = '';
  /** The host whose settings these are, as in `alice`. */
  @property() username = '';
  /** BCP 47 locale for words, dates and times; defaults to the page's `lang`, then the browser's. */
  @property() locale = '';

  protected get client(): OpenSlotClient {
    return hostClient(this.api, this.token);
  }

  protected get resolvedLocale(): string {
    return this.locale || document.documentElement.lang || navigator.language || 'en';
  }

  protected get t(): HostMessages {
    return hostMessagesFor(this.resolvedLocale);
  }

  /** What could not be loaded, and a Retry. */
  protected renderLoadError(loader: LoadController<unknown>): TemplateResult {
    return html`<div part="error" role="alert">${describeError(loader.error, this.t)} <button @click=${() => loader.reload()}>${this.t.retry}</button></div>`;
  }

  protected reportError(error: Error, phase: 'load' | 'save'): void {
    this.dispatchEvent(new OpenSlotErrorEvent({ error, phase }));
  }
}
