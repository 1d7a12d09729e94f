import { css } from 'lit';

/** The row of controls of one filter condition (field, relation): side by side, wrapping when narrow. */
export const ruleRowStyles = css`
  :host,
  .nested {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    align-items: center;
  }
`;
