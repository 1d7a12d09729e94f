import { css } from 'lit';

/** The record page's layout: a header card, then fields left and activity right (one column when narrow). */
export const recordPageStyles = css`
  :host {
    display: block;
  }
  .record-header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 1rem;
    margin-bottom: 1.25rem;
    min-height: 6.5rem;
  }
  .avatar {
    width: 3rem;
    height: 3rem;
    border-radius: 0.75rem;
    display: grid;
    place-items: center;
    font-size: 1.25rem;
    font-weight: 650;
    background: var(--tr-accent-soft);
    color: var(--tr-accent-strong);
    flex: none;
  }
  .heading {
    flex: 1 1 16rem;
    min-width: 0;
  }
  .heading h1 {
    overflow-wrap: anywhere;
  }
  .crumbs {
    font-size: 0.875rem;
    margin-bottom: 0.125rem;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    align-items: center;
    margin: 0.375rem 0 0;
  }
  .actions {
    justify-content: flex-end;
  }
  .columns {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
    gap: 1.25rem;
    align-items: start;
  }
  .main,
  .side {
    display: grid;
    gap: 1rem;
    min-width: 0;
  }
  @media (max-width: 1000px) {
    .columns {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;
