import { css } from 'lit';

export const styles = css`
  :host {
    --openslot-accent: #1d4ed8;
    --openslot-accent-contrast: #ffffff;
    --openslot-radius: 8px;
    --openslot-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --openslot-bg: #ffffff;
    --openslot-fg: #111827;
    --openslot-muted: #4b5563;
    --openslot-border: #d1d5db;
    --openslot-danger: #b91c1c;
    --openslot-accent-soft: color-mix(in srgb, var(--openslot-accent) 12%, var(--openslot-bg));
    --openslot-accent-strong: color-mix(in srgb, var(--openslot-accent) 85%, var(--openslot-fg));
    display: block;
    container-type: inline-size;
    font-family: var(--openslot-font);
    color: var(--openslot-fg);
  }
  :host([theme='dark']) {
    --openslot-accent: #93b4fd;
    --openslot-accent-contrast: #0b1220;
    --openslot-bg: #111827;
    --openslot-fg: #f3f4f6;
    --openslot-muted: #b5bcc8;
    --openslot-border: #374151;
    --openslot-danger: #fca5a5;
    --openslot-accent-strong: color-mix(in srgb, var(--openslot-accent) 45%, var(--openslot-fg));
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      --openslot-accent: #93b4fd;
      --openslot-accent-contrast: #0b1220;
      --openslot-bg: #111827;
      --openslot-fg: #f3f4f6;
      --openslot-muted: #b5bcc8;
      --openslot-border: #374151;
      --openslot-accent-strong: color-mix(in srgb, var(--openslot-accent) 45%, var(--openslot-fg));
    }
  }
  [hidden] {
    display: none !important;
  }
  .base {
    background: var(--openslot-bg);
    border: 1px solid var(--openslot-border);
    border-radius: var(--openslot-radius);
    padding: 1.25rem;
  }
  header {
    margin-block-end: 1rem;
  }
  h2 {
    margin: 0;
    font-size: 1.35rem;
  }
  h3 {
    margin: 0 0 0.5rem;
    font-size: 1rem;
  }
  h3:focus {
    outline: none;
  }
  h3:focus-visible {
    outline: 2px solid var(--openslot-accent);
  }
  .hosts,
  .meta,
  .zone,
  .hint {
    margin: 0.25rem 0;
    color: var(--openslot-muted);
    font-size: 0.9rem;
  }
  .picker {
    display: grid;
    gap: 1.25rem;
  }
  @container (min-width: 560px) {
    .picker {
      grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
    }
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  button {
    font: inherit;
    border-radius: var(--openslot-radius);
    cursor: pointer;
  }
  .time,
  .secondary {
    inline-size: 100%;
    padding: 0.6rem;
    border: 1px solid var(--openslot-accent);
    background: var(--openslot-bg);
    color: var(--openslot-accent-strong);
    font-weight: 600;
  }
  .secondary {
    inline-size: auto;
    border-color: var(--openslot-border);
    color: var(--openslot-fg);
  }
  .primary {
    padding: 0.6rem 1.2rem;
    border: 1px solid var(--openslot-accent);
    background: var(--openslot-accent);
    color: var(--openslot-accent-contrast);
    font-weight: 600;
  }
  .primary:disabled {
    opacity: 0.7;
    cursor: progress;
  }
  button:focus-visible,
  a:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--openslot-accent);
    outline-offset: 2px;
  }
  form {
    display: grid;
    gap: 0.4rem;
    max-inline-size: 28rem;
  }
  label {
    font-weight: 500;
    margin-block-start: 0.5rem;
  }
  input {
    font: inherit;
    padding: 0.55rem 0.7rem;
    border: 1px solid var(--openslot-border);
    border-radius: var(--openslot-radius);
    background: var(--openslot-bg);
    color: var(--openslot-fg);
  }
  .actions {
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
    margin-block-start: 1rem;
  }
  .notice {
    color: var(--openslot-danger);
    margin: 0.5rem 0;
  }
  .primary.danger {
    background: var(--openslot-danger);
    border-color: var(--openslot-danger);
    color: var(--openslot-bg);
  }
  .error {
    display: grid;
    justify-items: start;
    gap: 0.75rem;
  }
  .loading {
    color: var(--openslot-muted);
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 1rem;
  }
  dt {
    color: var(--openslot-muted);
  }
  dd {
    margin: 0;
  }
  /* One line is always reserved (see the skeleton), so a short description moves nothing. */
  .description {
    margin: 0.5rem 0 0;
    white-space: pre-line;
    min-block-size: 1lh;
  }
  .skeleton > * {
    border-radius: 4px;
    background: var(--openslot-accent-soft);
    inline-size: 40%;
  }
  .skeleton h2 {
    inline-size: 60%;
  }
  .nav-row {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    margin-block-end: 0.75rem;
  }
  .nav {
    inline-size: 2.25rem;
    block-size: 2.25rem;
    border: 1px solid var(--openslot-border);
    background: var(--openslot-bg);
    color: var(--openslot-fg);
    font-size: 1.25rem;
  }
  .nav:disabled {
    opacity: 0.4;
    cursor: default;
  }
  :host(:dir(rtl)) .nav span {
    display: inline-block;
    transform: scaleX(-1);
  }
  .week {
    display: grid;
    gap: 0.75rem;
  }
  @container (min-width: 640px) {
    .week {
      grid-template-columns: repeat(7, minmax(0, 1fr));
    }
  }
  .column {
    display: grid;
    gap: 1rem;
  }
  h4 {
    margin: 0 0 0.4rem;
    font-size: 0.9rem;
  }
  .step-title {
    margin-block-end: 0.75rem;
  }
  .status[data-status='cancelled'],
  .status[data-status='rejected'] {
    color: var(--openslot-danger);
  }
  a {
    color: var(--openslot-accent-strong);
  }
  .calendar-links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem 1rem;
    color: var(--openslot-muted);
  }
  @media (prefers-reduced-motion: no-preference) {
    .time,
    .primary,
    .secondary {
      transition: background-color 120ms, color 120ms;
    }
  }
  .time:hover {
    background: var(--openslot-accent-soft);
  }
  .seats {
    display: block;
    font-size: 0.8rem;
    font-weight: 400;
  }
  textarea,
  select {
    font: inherit;
    padding: 0.55rem 0.7rem;
    border: 1px solid var(--openslot-border);
    border-radius: var(--openslot-radius);
    background: var(--openslot-bg);
    color: var(--openslot-fg);
  }
  input[readonly] {
    background: var(--openslot-accent-soft);
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    font-weight: 400;
  }
  .optional {
    color: var(--openslot-muted);
    font-weight: 400;
  }
  a.primary {
    display: inline-block;
    border-radius: var(--openslot-radius);
    text-decoration: none;
  }
  .zone {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem;
  }
  .zone select {
    padding: 0.3rem 0.5rem;
    max-inline-size: 100%;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
