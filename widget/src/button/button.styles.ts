import { css } from 'lit';

export const styles = css`
  :host {
    /* Defaults through var(--openslot-*, default), so the page's values win (see booking.styles.ts). */
    --_accent: var(--openslot-accent, #1d4ed8);
    --_accent-contrast: var(--openslot-accent-contrast, #ffffff);
    --_radius: var(--openslot-radius, 8px);
    display: inline-block;
    font-family: var(--openslot-font);
  }
  :host([theme='dark']) {
    --_accent: var(--openslot-accent, #93b4fd);
    --_accent-contrast: var(--openslot-accent-contrast, #0b1220);
  }
  :host([floating]) {
    position: fixed;
    inset-block-end: 1.25rem;
    inset-inline-end: 1.25rem;
    z-index: 2147483000;
  }
  .open {
    font: inherit;
    font-weight: 600;
    padding: 0.7rem 1.3rem;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_accent-contrast);
    cursor: pointer;
  }
  :host([floating]) .open {
    border-radius: 999px;
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.25);
  }
  .open:focus-visible,
  .close:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  dialog {
    --_bg: var(--openslot-bg, #ffffff);
    --_fg: var(--openslot-fg, #111827);
    inline-size: min(52rem, calc(100vw - 2rem));
    max-block-size: calc(100dvh - 2rem);
    padding: 0;
    border: none;
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    overflow: auto;
    box-shadow: 0 20px 50px rgb(0 0 0 / 0.3);
  }
  :host([theme='dark']) dialog {
    --_bg: var(--openslot-bg, #111827);
    --_fg: var(--openslot-fg, #f3f4f6);
  }
  dialog::backdrop {
    background: rgb(15 23 42 / 0.55);
  }
  /* The close button sits in the dialog's top corner, over the booker's card (which then needs no border). */
  .bar {
    position: sticky;
    inset-block-start: 0;
    block-size: 0;
    display: flex;
    justify-content: flex-end;
    z-index: 1;
  }
  .close {
    margin: 0.6rem;
    inline-size: 2.25rem;
    block-size: 2.25rem;
    flex: none;
    border: 1px solid color-mix(in srgb, var(--_fg) 20%, transparent);
    border-radius: 999px;
    background: var(--_bg);
    color: var(--_fg);
    font-size: 1.35rem;
    line-height: 1;
    cursor: pointer;
  }
  openslot-booking::part(base) {
    border: none;
  }
  openslot-booking::part(header) {
    padding-inline-end: 2.5rem;
  }
  @media (prefers-reduced-motion: no-preference) {
    dialog[open] {
      animation: rise 160ms ease-out;
    }
    @keyframes rise {
      from {
        opacity: 0;
        transform: translateY(0.5rem);
      }
    }
  }
`;
