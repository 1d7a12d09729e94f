import { css } from 'lit';

/**
 * The controls every screen shares (buttons, inputs, tables, cards, field rows), drawn from the
 * design tokens set on the page (index.html `--tr-*`). Screens add `sharedStyles` first in
 * their `styles`, so a control looks and focuses the same everywhere.
 */
export const sharedStyles = css`
  :host {
    color: var(--tr-text);
    font-size: var(--tr-font-size);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 3px solid var(--tr-focus);
    outline-offset: 2px;
  }
  h1 {
    font-size: 1.375rem;
    margin: 0;
    font-weight: 650;
  }
  h2 {
    font-size: 1.0625rem;
    margin: 0 0 0.75rem;
    font-weight: 650;
  }
  a {
    color: var(--tr-link);
  }
  button,
  .button {
    font: inherit;
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    min-height: 2.25rem;
    padding: 0.375rem 0.875rem;
    border-radius: var(--tr-radius);
    border: 1px solid var(--tr-border-strong);
    background: var(--tr-surface);
    color: var(--tr-text);
    cursor: pointer;
    text-decoration: none;
    white-space: nowrap;
  }
  button:hover,
  .button:hover {
    background: var(--tr-hover);
  }
  button.primary,
  .button.primary {
    background: var(--tr-accent);
    border-color: var(--tr-accent);
    color: var(--tr-on-accent);
  }
  button.primary:hover {
    background: var(--tr-accent-strong);
  }
  button.danger {
    color: var(--tr-danger);
    border-color: var(--tr-danger);
  }
  button.danger.primary {
    background: var(--tr-danger);
    color: white;
  }
  button.ghost {
    border-color: transparent;
    background: transparent;
  }
  button.ghost:hover {
    background: var(--tr-hover);
  }
  button[disabled] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    min-height: 2.25rem;
    padding: 0.375rem 0.625rem;
    border: 1px solid var(--tr-border-strong);
    border-radius: var(--tr-radius);
    background: var(--tr-surface);
    width: 100%;
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: auto;
    min-height: 0;
    accent-color: var(--tr-accent);
  }
  textarea {
    min-height: 5rem;
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--tr-danger);
  }
  label {
    font-weight: 550;
  }
  .field {
    display: grid;
    gap: 0.25rem;
    align-content: start;
  }
  .field-error {
    color: var(--tr-danger);
    font-size: 0.875rem;
    margin: 0;
  }
  .hint,
  .muted {
    color: var(--tr-muted);
    font-size: 0.875rem;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .spacer {
    flex: 1;
  }
  .card {
    background: var(--tr-surface);
    border: 1px solid var(--tr-border);
    border-radius: var(--tr-radius-large);
    padding: 1rem 1.25rem;
  }
  .page-header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
    margin-bottom: 1.25rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    padding: 0.5rem 0.75rem;
    border-bottom: 1px solid var(--tr-border);
    vertical-align: middle;
  }
  th {
    font-weight: 600;
    color: var(--tr-muted);
    font-size: 0.8125rem;
    background: var(--tr-surface-sunken);
  }
  tbody tr:hover {
    background: var(--tr-hover);
  }
  .badge {
    display: inline-block;
    padding: 0.0625rem 0.5rem;
    border-radius: 999px;
    font-size: 0.8125rem;
    background: var(--tr-surface-sunken);
    border: 1px solid var(--tr-border);
  }
  .badge.good {
    color: var(--tr-good);
    border-color: currentColor;
  }
  .badge.bad {
    color: var(--tr-danger);
    border-color: currentColor;
  }
  .error-box {
    border: 1px solid var(--tr-danger);
    color: var(--tr-danger);
    background: var(--tr-danger-soft);
    border-radius: var(--tr-radius);
    padding: 0.625rem 0.875rem;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  dialog {
    border: 1px solid var(--tr-border);
    border-radius: var(--tr-radius-large);
    padding: 1.25rem;
    background: var(--tr-surface);
    color: var(--tr-text);
    max-width: min(36rem, 92vw);
    width: 100%;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 35%);
  }
`;

/**
 * The layout of forms in dialogs and settings panels, added after `sharedStyles`: the form as a
 * column of fields, `.pair` for two fields side by side (one above the other when narrow),
 * `label.check` for a checkbox with its text, and `.footer` for the buttons, at the end.
 */
export const dialogStyles = css`
  form {
    display: grid;
    gap: 1rem;
  }
  .pair {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: 0.75rem;
  }
  label.check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }
  .footer {
    display: flex;
    justify-content: flex-end;
    gap: 0.5rem;
  }
`;
