import { css } from 'lit';
import { sharedStyles } from '../ui/styles.js';

/** The look of `tr-field-input`: a label above its control, inline rows for amount+code and checkboxes. */
export const fieldInputStyles = [
  sharedStyles,
  css`
    :host {
      display: block;
    }
    .label {
      font-weight: 550;
    }
    .required {
      color: var(--tr-danger);
      margin-left: 0.125rem;
    }
    .row {
      display: flex;
      gap: 0.5rem;
      align-items: center;
    }
    .row .code {
      width: 6.5rem;
      flex: none;
      text-transform: uppercase;
    }
    .suffix {
      color: var(--tr-muted);
    }
    .check {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      font-weight: 400;
    }
    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      padding: 0.25rem 0;
    }
    textarea.code-text {
      font-family: var(--tr-font-mono, ui-monospace, monospace);
      font-size: 0.875rem;
    }
  `,
];
