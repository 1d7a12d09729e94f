import { css } from 'lit';

/** The layout of the relation type dialog, added after `sharedStyles` and `dialogStyles`. */
export const relationStyles = css`
  dialog {
    max-width: min(50rem, 94vw);
  }
  .pair {
    grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.375rem;
    align-content: start;
  }
  legend {
    font-weight: 550;
    padding: 0;
    margin-bottom: 0.375rem;
  }
  .checks {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem 1rem;
    max-height: 9rem;
    overflow-y: auto;
  }
  label.check {
    font-weight: 400;
    display: inline-flex;
    gap: 0.375rem;
  }
  h3 {
    font-size: 1rem;
    margin: 0;
  }
  .attributes {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
    border-radius: var(--tr-radius);
    background: var(--tr-surface-sunken);
  }
  .attributes p {
    margin: 0;
  }
  .attributes ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.25rem;
  }
  .attributes li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    padding: 0.25rem 0;
  }
  .attributes li > span:first-child {
    flex: 1;
  }
  .attribute-form {
    background: var(--tr-surface);
    border: 1px solid var(--tr-border);
    border-radius: var(--tr-radius);
    padding: 0.75rem;
  }
  code {
    font-size: 0.8125rem;
    color: var(--tr-muted);
  }
`;
