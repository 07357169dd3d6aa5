import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { loadMessages, messagesFor, messagesReady } from '../i18n/index.js';
import { styles } from './button.styles.js';

/** The booker's attributes the button hands on to the `<openslot-booking>` it opens. */
const FORWARDED = ['api', 'event', 'time-zone', 'locale', 'theme', 'layout', 'name', 'email', 'guests', 'lock-prefill', 'hide-details', 'metadata', 'booking-uid', 'token'];

/**
 * @tagname openslot-button
 * @summary A button that opens the booker in a modal dialog: inline where it stands, or floating
 * in the page's corner with `floating`. The booker is created on first open, so a page with the
 * button fetches nothing until a visitor asks. Every `<openslot-booking>` attribute set on the
 * button is passed on; the booker's events bubble out of the button.
 *
 * @attr {string} api - Passed on to the booker, as every attribute below.
 * @attr {string} time-zone
 * @attr {string} layout
 * @attr {string} name
 * @attr {string} email
 * @attr {string} guests
 * @attr {boolean} lock-prefill
 * @attr {boolean} hide-details
 * @attr {string} metadata
 * @attr {string} booking-uid
 * @attr {string} token
 *
 * @fires {OpenSlotReadyEvent} openslot-ready - From the booker, like all its events (they bubble out of the dialog).
 * @fires {OpenSlotBookedEvent} openslot-booked - From the booker: booked; `detail: {booking, manageToken, bookings?}`.
 *
 * @slot - The button's label; defaults to "Book a meeting" in the booker's language.
 *
 * @csspart button - The button.
 * @csspart dialog - The `<dialog>` around the booker.
 * @csspart close - The dialog's close button.
 * @csspart booking - The `<openslot-booking>` inside (style its own parts through its custom properties).
 *
 * @cssprop --openslot-accent - The button's colour.
 * @cssprop --openslot-accent-contrast - The button's text colour.
 * @cssprop --openslot-radius - Corner radius.
 * @cssprop --openslot-font - The font family.
 */
export class OpenSlotButton extends LitElement {
  static override styles = styles;

  /** Floats the button in the bottom corner of the viewport instead of placing it inline. */
  @property({ type: Boolean, reflect: true }) floating = false;
  /** Whether the dialog is open; set it to open or close the booker from script. */
  @property({ type: Boolean, reflect: true }) open = false;
  /** The event type to book, as on `<openslot-booking>`. */
  @property() event = '';
  /** The booker's locale, as on `<openslot-booking>`; also picks the default label's language. */
  @property() locale = '';
  /** `light`, `dark` or `auto`, for the button and the booker. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'light';

  /** The booker exists from the first opening on (it keeps its state between openings). */
  @state() private opened = false;

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** Opens the booker. */
  show(): void {
    // Escape closes the native dialog at once but reports it (the `close` event) a task later: a
    // press in between finds `open` still true, so reopen the dialog here rather than wait for a change.
    const dialog = this.#dialog;
    if (this.open && dialog && !dialog.open) {
      this.#syncBooker();
      dialog.showModal();
    }
    this.open = true;
  }

  /** Closes the booker; focus returns to the button. */
  close(): void {
    this.open = false;
  }

  protected override willUpdate(): void {
    if (this.open) this.opened = true;
  }

  protected override updated(): void {
    const dialog = this.#dialog!;
    if (this.open && !dialog.open) {
      this.#syncBooker();
      dialog.showModal();
    } else if (!this.open && dialog.open) {
      dialog.close();
    }
  }

  protected override render() {
    const locale = this.locale || document.documentElement.lang || navigator.language || 'en';
    if (!messagesReady(locale)) void loadMessages(locale).then(() => this.requestUpdate(), () => undefined);
    const t = messagesFor(locale);
    return html`
      <button part="button" class="open" aria-haspopup="dialog" @click=${this.show}><slot>${t.bookButton}</slot></button>
      <dialog part="dialog" aria-label=${t.bookButton} @close=${this.#onClose}>
        <form method="dialog" class="bar"><button part="close" class="close" aria-label=${t.close}>×</button></form>
        ${this.opened ? html`<openslot-booking part="booking"></openslot-booking>` : nothing}
      </dialog>
    `;
  }

  /** Copies the forwarded attributes onto the booker (and keeps doing so while it is open). */
  #syncBooker(): void {
    const booker = this.renderRoot.querySelector('openslot-booking');
    if (!booker) return;
    for (const name of FORWARDED) {
      const value = this.getAttribute(name);
      if (value === null) booker.removeAttribute(name);
      else if (booker.getAttribute(name) !== value) booker.setAttribute(name, value);
    }
  }

  #onClose(): void {
    // Escape, the close button or close(): the native dialog puts focus back on the opener.
    // (Reopened before this event arrived: it stays open.)
    if (this.#dialog?.open) return;
    this.open = false;
    this.renderRoot.querySelector<HTMLButtonElement>('button.open')?.focus();
  }
}
