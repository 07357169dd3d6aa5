import { css } from 'lit';

export const styles = css`
  .event-type {
    border: 1px solid var(--openslot-border, #d1d5db);
    border-radius: var(--openslot-radius, 8px);
    padding: 0.75rem 1rem;
    margin-block-end: 0.75rem;
  }
  .event-type .actions {
    margin-block-start: 0.5rem;
  }
  .check .row {
    gap: 0.4rem;
  }
  .question {
    border-block-end: 1px solid var(--openslot-border, #e5e7eb);
    padding-block: 0.5rem;
    margin-block-end: 0.5rem;
  }
  table.hosts {
    border-collapse: collapse;
    inline-size: 100%;
  }
  table.hosts th,
  table.hosts td {
    text-align: start;
    padding: 0.3rem 0.5rem;
    border-block-end: 1px solid var(--openslot-border, #e5e7eb);
  }
  table.hosts input[type='number'] {
    inline-size: 5rem;
  }
`;
