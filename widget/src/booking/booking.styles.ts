import { css } from 'lit';

/** The dark theme's defaults (`theme="dark"`, and `auto` on a dark system): still only fallbacks. */
const dark = css`
  --_accent: var(--openslot-accent, #93b4fd);
  --_accent-contrast: var(--openslot-accent-contrast, #0b1220);
  --_bg: var(--openslot-bg, #111827);
  --_fg: var(--openslot-fg, #f3f4f6);
  --_muted: var(--openslot-muted, #b5bcc8);
  --_border: var(--openslot-border, #374151);
  --_danger: var(--openslot-danger, #fca5a5);
  --_accent-strong: color-mix(in srgb, var(--_accent) 45%, var(--_fg));
`;

export const styles = css`
  :host {
    /*
     * Every default goes through var(--openslot-*, default), never a declaration of --openslot-*
     * itself: a value the page sets on :root, body or any ancestor wins (custom properties inherit
     * into the shadow root). The private --_* copies are what the rules below use.
     */
    --_accent: var(--openslot-accent, #1d4ed8);
    --_accent-contrast: var(--openslot-accent-contrast, #ffffff);
    --_radius: var(--openslot-radius, 8px);
    --_bg: var(--openslot-bg, #ffffff);
    --_fg: var(--openslot-fg, #111827);
    --_muted: var(--openslot-muted, #4b5563);
    --_border: var(--openslot-border, #d1d5db);
    --_danger: var(--openslot-danger, #b91c1c);
    --_accent-soft: color-mix(in srgb, var(--_accent) 12%, var(--_bg));
    --_accent-strong: color-mix(in srgb, var(--_accent) 85%, var(--_fg));
    display: block;
    container-type: inline-size;
    /* Unset, var() without a fallback is invalid at computed time, and font-family then inherits the page's. */
    font-family: var(--openslot-font);
    color: var(--_fg);
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${dark}
    }
  }
  [hidden] {
    display: none !important;
  }
  .base {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 1.25rem;
  }
  header {
    margin-block-end: 1.25rem;
    padding-block-end: 1rem;
    border-block-end: 1px solid var(--_border);
  }
  .host {
    display: flex;
    align-items: center;
    gap: 0.6rem;
    margin-block-end: 0.4rem;
  }
  .avatars {
    display: flex;
  }
  .avatars > * + * {
    margin-inline-start: -0.7rem;
  }
  .avatar {
    inline-size: 2.75rem;
    block-size: 2.75rem;
    flex: none;
    display: inline-grid;
    place-items: center;
    border-radius: 50%;
    border: 2px solid var(--_bg);
    background: var(--_accent-soft);
    color: var(--_accent-strong);
    font-weight: 700;
    object-fit: cover;
    box-sizing: border-box;
  }
  .hosts {
    font-weight: 600;
  }
  h2 {
    margin: 0;
    font-size: 1.5rem;
    line-height: 1.25;
    font-weight: 700;
  }
  h3 {
    margin: 0 0 0.75rem;
    font-size: 1.1rem;
    font-weight: 650;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.1rem;
    font-weight: 500;
    /* Taller than the icons, so the loading line (text only) has the loaded line's height. */
    line-height: 1.4rem;
  }
  .meta span,
  .when {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
  }
  .icon {
    flex: none;
    color: var(--_muted);
  }
  h3:focus {
    outline: none;
  }
  h3:focus-visible {
    outline: 2px solid var(--_accent);
  }
  .hosts,
  .meta,
  .hint {
    margin: 0.25rem 0;
    color: var(--_muted);
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
    /* Beside the calendar, a day's times scroll within its height instead of lengthening the page. */
    .picker .time-list {
      max-block-size: 20rem;
      overflow-y: auto;
      padding: 2px;
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
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .time-list li {
    display: flex;
    gap: 0.4rem;
  }
  .time,
  .secondary {
    inline-size: 100%;
    padding: 0.55rem;
    border: 1px solid var(--_accent);
    background: var(--_bg);
    color: var(--_accent-strong);
    font-weight: 600;
  }
  .secondary {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    inline-size: auto;
    border-color: var(--_border);
    color: var(--_fg);
  }
  .primary {
    padding: 0.6rem 1.2rem;
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_accent-contrast);
    font-weight: 600;
  }
  .next {
    flex: 1 0 45%;
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
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  form {
    display: grid;
    gap: 0.35rem;
  }
  /* The form fills the card: the chosen time beside it when there is room, above it when not. */
  .details {
    display: grid;
    gap: 1rem 2rem;
  }
  @container (min-width: 600px) {
    .details {
      grid-template-columns: minmax(0, 2fr) minmax(0, 3fr);
    }
    .details > h3 {
      grid-column: 1 / -1;
    }
  }
  .summary {
    align-self: start;
    margin: 0;
    padding: 1rem;
    border-radius: var(--_radius);
    background: var(--_accent-soft);
    display: grid;
    gap: 0.5rem;
  }
  .summary p {
    margin: 0;
  }
  .summary .when {
    align-items: flex-start;
  }
  .summary .icon {
    margin-block-start: 0.1em;
  }
  .field-error {
    margin: 0;
    color: var(--_danger);
    font-size: 0.9rem;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
    outline: 1px solid var(--_danger);
  }
  label {
    font-weight: 500;
    margin-block-start: 0.5rem;
  }
  input {
    min-inline-size: 0;
    font: inherit;
    padding: 0.55rem 0.7rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
  }
  .actions {
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
    margin-block-start: 1rem;
  }
  .notice {
    color: var(--_danger);
    margin: 0.5rem 0;
  }
  .primary.danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_bg);
  }
  .error {
    display: grid;
    justify-items: start;
    gap: 0.75rem;
  }
  .done-mark {
    margin: 0 0 0.5rem;
    inline-size: 2.75rem;
    block-size: 2.75rem;
    display: grid;
    place-items: center;
    border-radius: 50%;
    background: var(--_accent-soft);
  }
  .done-mark .icon {
    color: var(--_accent-strong);
    inline-size: 1.5rem;
    block-size: 1.5rem;
  }
  .state {
    margin: 1rem 0 0;
    padding: 0.75rem 1rem;
    border-inline-start: 3px solid var(--_accent);
    background: var(--_accent-soft);
    border-radius: var(--_radius);
  }
  .loading {
    color: var(--_muted);
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 1rem;
  }
  dt {
    color: var(--_muted);
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
  .skeleton .hosts,
  .skeleton h2,
  .skeleton .meta,
  .skeleton .description {
    border-radius: 4px;
    background: var(--_accent-soft);
    inline-size: 40%;
  }
  .skeleton h2 {
    inline-size: 60%;
  }
  .skeleton .hosts {
    inline-size: 30%;
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
    border: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_fg);
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
  /* Week and column layouts: a row of day columns that scrolls sideways, each day's times scrolling
     within a fixed height, so a month of times is one screen, not a 17,000 px page. */
  .week,
  .column,
  .wide-loading {
    block-size: 21rem;
  }
  .week,
  .column {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(7.5rem, 1fr);
    gap: 0.6rem;
    overflow-x: auto;
    scroll-snap-type: x proximity;
    overscroll-behavior-x: contain;
  }
  .week > section,
  .column > section {
    display: flex;
    flex-direction: column;
    min-block-size: 0;
    scroll-snap-align: start;
    content-visibility: auto;
    contain-intrinsic-size: auto 7.5rem auto 21rem;
  }
  .week ul,
  .column ul {
    overflow-y: auto;
    padding: 2px;
  }
  .week .time-list li,
  .column .time-list li {
    flex-wrap: wrap;
  }
  h4 {
    margin: 0 0 0.4rem;
    font-size: 0.9rem;
    text-align: center;
  }
  .step-title {
    margin-block-end: 0.75rem;
  }
  .status[data-status='cancelled'],
  .status[data-status='rejected'] {
    color: var(--_danger);
  }
  a {
    color: var(--_accent-strong);
  }
  .calendar-links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem 1rem;
    color: var(--_muted);
  }
  @media (prefers-reduced-motion: no-preference) {
    .time,
    .primary,
    .secondary {
      transition: background-color 120ms, color 120ms;
    }
    .details,
    .confirmation,
    .manage,
    .times > ul,
    .next {
      animation: appear 160ms ease-out;
    }
    @keyframes appear {
      from {
        opacity: 0;
        transform: translateY(4px);
      }
    }
  }
  .time:hover {
    background: var(--_accent-soft);
  }
  .time[aria-pressed='true'],
  .time[aria-pressed='true']:hover {
    background: var(--_muted);
    border-color: var(--_muted);
    color: var(--_bg);
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
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
  }
  input[readonly] {
    background: var(--_accent-soft);
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    font-weight: 400;
  }
  .optional {
    color: var(--_muted);
    font-weight: 400;
  }
  a.primary {
    display: inline-block;
    border-radius: var(--_radius);
    text-decoration: none;
  }
  .zone {
    margin: 0.75rem 0 0;
  }
  .zone-button {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    max-inline-size: 100%;
    padding: 0.35rem 0.6rem;
    border: 1px solid transparent;
    background: transparent;
    color: var(--_fg);
  }
  .zone-button {
    flex-wrap: wrap;
    text-align: start;
  }
  .zone-button > * {
    white-space: nowrap;
  }
  .zone-button:hover {
    border-color: var(--_border);
  }
  .zone-panel {
    margin-block-start: 0.5rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    display: grid;
    gap: 0.5rem;
  }
  .zone-results {
    max-block-size: 16rem;
    overflow-y: auto;
  }
  .zone-results h4 {
    text-align: start;
    margin: 0.5rem 0 0.25rem;
    color: var(--_muted);
  }
  .zone-results ul {
    gap: 0;
  }
  .zone-option {
    inline-size: 100%;
    display: flex;
    justify-content: space-between;
    gap: 1rem;
    padding: 0.4rem 0.5rem;
    border: 0;
    background: transparent;
    color: var(--_fg);
    text-align: start;
  }
  .zone-option:hover,
  .zone-option[aria-pressed='true'] {
    background: var(--_accent-soft);
  }
  .zone-time {
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
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
