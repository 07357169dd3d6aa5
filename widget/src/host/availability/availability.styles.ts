import { css } from 'lit';

export const styles = css`
  .chooser {
    margin-block-end: 1rem;
  }
  .day {
    display: grid;
    grid-template-columns: minmax(8rem, 10rem) 1fr;
    gap: 0.5rem;
    align-items: start;
    padding-block: 0.4rem;
    border-block-end: 1px solid var(--openslot-border, #e5e7eb);
  }
  .day:last-of-type {
    border-block-end: none;
  }
  .day-name {
    display: flex;
    align-items: center;
    gap: 0.4rem;
    padding-block-start: 0.35rem;
  }
  .ranges {
    display: grid;
    gap: 0.35rem;
    justify-items: start;
  }
  .override {
    display: grid;
    gap: 0.4rem;
    padding-block: 0.5rem;
    border-block-end: 1px solid var(--openslot-border, #e5e7eb);
  }
  .override-name {
    font-weight: 600;
  }
  button.remove {
    padding: 0.2rem 0.6rem;
  }
`;
