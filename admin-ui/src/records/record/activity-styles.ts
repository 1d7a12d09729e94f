import { css } from 'lit';

/** Lists of the record's side panels (timeline, history, relations): a quiet feed with separators. */
export const activityStyles = css`
  :host {
    display: block;
  }
  .feed {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .feed > li {
    padding: 0.625rem 0;
    border-bottom: 1px solid var(--tr-border);
  }
  .feed > li:last-child {
    border-bottom: none;
  }
  .entry-head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: baseline;
  }
  .when {
    margin: 0.25rem 0 0;
  }
  button.more {
    margin-top: 0.75rem;
    width: 100%;
    justify-content: center;
  }
`;
