import { css } from 'lit';

export const styles = css`
  [role='tablist'] {
    display: flex;
    gap: 0.25rem;
    border-block-end: 1px solid var(--openslot-border, #d1d5db);
    margin-block-end: 1rem;
  }
  [role='tab'] {
    border: none;
    border-block-end: 3px solid transparent;
    border-radius: 0;
    background: none;
    color: var(--openslot-fg, #111827);
  }
  [role='tab'][aria-selected='true'] {
    border-block-end-color: var(--openslot-accent, #1d4ed8);
    color: var(--openslot-accent, #1d4ed8);
    font-weight: 600;
  }
  .search {
    margin-block-end: 0.75rem;
  }
  .booking {
    border: 1px solid var(--openslot-border, #d1d5db);
    border-radius: var(--openslot-radius, 8px);
    padding: 0.75rem 1rem;
    margin-block-end: 0.75rem;
  }
  .booking p {
    margin: 0.2rem 0;
  }
  .booking .actions {
    margin-block-start: 0.5rem;
  }
  h4 {
    margin: 0.75rem 0 0.5rem;
    font-size: 1rem;
  }
  h4:focus {
    outline: none;
  }
  .payment {
    margin-inline-start: 0.5rem;
  }
`;
