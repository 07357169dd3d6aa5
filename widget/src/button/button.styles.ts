import { css } from 'lit';

export const styles = css`
  :host {
    --openslot-accent: #1d4ed8;
    --openslot-accent-contrast: #ffffff;
    --openslot-radius: 8px;
    --openslot-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    display: inline-block;
    font-family: var(--openslot-font);
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
    border: 1px solid var(--openslot-accent);
    border-radius: var(--openslot-radius);
    background: var(--openslot-accent);
    color: var(--openslot-accent-contrast);
    cursor: pointer;
  }
  :host([floating]) .open {
    border-radius: 999px;
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.25);
  }
  .open:focus-visible,
  .close:focus-visible {
    outline: 2px solid var(--openslot-accent);
    outline-offset: 2px;
  }
  dialog {
    inline-size: min(52rem, calc(100vw - 2rem));
    max-block-size: calc(100dvh - 2rem);
    padding: 0;
    border: none;
    border-radius: var(--openslot-radius);
    background: transparent;
    overflow: visible auto;
  }
  dialog::backdrop {
    background: rgb(15 23 42 / 0.55);
  }
  .bar {
    display: flex;
    justify-content: flex-end;
    margin: 0 0 0.5rem;
  }
  .close {
    inline-size: 2.5rem;
    block-size: 2.5rem;
    border: none;
    border-radius: 999px;
    background: #ffffff;
    color: #111827;
    font-size: 1.5rem;
    line-height: 1;
    cursor: pointer;
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
