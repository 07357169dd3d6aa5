import { css } from 'lit';

/*
 * Shared by every host component. Colours, radius and font come from the page through inherited
 * custom properties (`--openslot-accent` on `body` themes them all); each has a fallback here, and
 * nothing is set on `:host`, so a page's value always wins.
 */
export const hostStyles = css`
  :host {
    display: block;
    font-family: var(--openslot-font, inherit);
    color: var(--openslot-fg, #111827);
  }
  [hidden] {
    display: none !important;
  }
  .base {
    background: var(--openslot-bg, #ffffff);
    border: 1px solid var(--openslot-border, #d1d5db);
    border-radius: var(--openslot-radius, 8px);
    padding: 1.25rem;
  }
  h2 {
    margin: 0 0 1rem;
    font-size: 1.3rem;
  }
  h3 {
    margin: 0 0 0.5rem;
    font-size: 1.05rem;
  }
  h2:focus,
  h3:focus {
    outline: none;
  }
  fieldset {
    border: 1px solid var(--openslot-border, #d1d5db);
    border-radius: var(--openslot-radius, 8px);
    margin: 0 0 1rem;
    padding: 0.75rem 1rem;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  label {
    font-weight: 500;
  }
  .field {
    display: grid;
    gap: 0.25rem;
    margin-block-end: 0.75rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  input,
  select,
  textarea,
  button {
    font: inherit;
    color: inherit;
  }
  input:not([type='checkbox']):not([type='radio']),
  select,
  textarea {
    padding: 0.4rem 0.5rem;
    border: 1px solid var(--openslot-border, #6b7280);
    border-radius: calc(var(--openslot-radius, 8px) / 2);
    background: var(--openslot-bg, #ffffff);
  }
  [aria-invalid='true'] {
    border-color: var(--openslot-danger, #b91c1c) !important;
  }
  button {
    padding: 0.45rem 0.9rem;
    border: 1px solid var(--openslot-accent, #1d4ed8);
    border-radius: var(--openslot-radius, 8px);
    background: var(--openslot-bg, #ffffff);
    color: var(--openslot-accent, #1d4ed8);
    cursor: pointer;
  }
  button.primary {
    background: var(--openslot-accent, #1d4ed8);
    color: var(--openslot-accent-contrast, #ffffff);
    font-weight: 600;
  }
  button.danger {
    border-color: var(--openslot-danger, #b91c1c);
    color: var(--openslot-danger, #b91c1c);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  :focus-visible {
    outline: 2px solid var(--openslot-accent, #1d4ed8);
    outline-offset: 2px;
  }
  .hint,
  .muted {
    color: var(--openslot-muted, #4b5563);
    font-size: 0.9rem;
    margin: 0.25rem 0;
  }
  .field-error,
  [part='error'] {
    color: var(--openslot-danger, #b91c1c);
    font-size: 0.9rem;
    margin: 0.25rem 0;
  }
  [part='error'] {
    border: 1px solid var(--openslot-danger, #b91c1c);
    border-radius: var(--openslot-radius, 8px);
    padding: 0.5rem 0.75rem;
  }
  .status {
    min-block-size: 1.2em;
    color: var(--openslot-muted, #4b5563);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block-start: 1rem;
  }
  ul.plain {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .badge {
    display: inline-block;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-size: 0.8rem;
  }
`;
