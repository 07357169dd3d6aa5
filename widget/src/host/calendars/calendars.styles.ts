import { css } from 'lit';

export const styles = css`
  .connection {
    border: 1px solid var(--openslot-border, #d1d5db);
    border-radius: var(--openslot-radius, 8px);
    padding: 0.75rem 1rem;
    margin-block-end: 0.75rem;
  }
  .connection.broken {
    border-color: var(--openslot-danger, #b91c1c);
  }
  .connection.broken .state {
    color: var(--openslot-danger, #b91c1c);
  }
  .broken-notice p {
    margin: 0.25rem 0 0.5rem;
  }
  table.calendars {
    border-collapse: collapse;
    inline-size: 100%;
    margin-block: 0.5rem;
  }
  table.calendars th,
  table.calendars td {
    text-align: start;
    padding: 0.3rem 0.5rem;
    border-block-end: 1px solid var(--openslot-border, #e5e7eb);
  }
  .connect {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block: 1rem;
  }
  form.add {
    border-block-start: 1px solid var(--openslot-border, #d1d5db);
    padding-block-start: 1rem;
  }
`;
