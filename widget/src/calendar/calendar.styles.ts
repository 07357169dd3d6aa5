import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    margin-block-end: 0.5rem;
  }
  h3 {
    margin: 0;
    font-size: 1rem;
    font-weight: 600;
  }
  .nav {
    inline-size: 2.25rem;
    block-size: 2.25rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    font: inherit;
    font-size: 1.25rem;
    cursor: pointer;
  }
  :host(:dir(rtl)) .nav span {
    display: inline-block;
    transform: scaleX(-1);
  }
  .nav:disabled {
    opacity: 0.4;
    cursor: default;
  }
  table {
    inline-size: 100%;
    border-collapse: collapse;
    table-layout: fixed;
  }
  th {
    font-size: 0.75rem;
    font-weight: 500;
    color: var(--_muted);
    padding-block: 0.25rem;
  }
  td {
    padding: 2px;
    text-align: center;
  }
  button[data-date] {
    inline-size: 100%;
    aspect-ratio: 1;
    max-block-size: 2.75rem;
    border: 0;
    border-radius: var(--_radius);
    background: transparent;
    color: var(--_muted);
    font: inherit;
    cursor: default;
  }
  button[data-date][aria-disabled='false'] {
    background: var(--_accent-soft);
    color: var(--_accent-strong);
    font-weight: 600;
    cursor: pointer;
  }
  td[aria-selected='true'] button[data-date] {
    background: var(--_accent);
    color: var(--_accent-contrast);
  }
  button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  table[aria-busy='true'] button[data-date] {
    opacity: 0.6;
  }
`;
