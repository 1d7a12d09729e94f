import { css } from 'lit';

/**
 * The controls the sales elements share, drawn from the admin UI's design tokens (with
 * fallbacks, so an element still renders on a bare page). Put first in `static styles`.
 */
export const salesStyles = css`
  :host {
    color: var(--tr-text, #1d2330);
    font-size: var(--tr-font-size, 0.9375rem);
    --sales-warn: #9a4a00;
    --sales-warn-soft: #fff4e0;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 3px solid var(--tr-focus, #1a73e8);
    outline-offset: 2px;
  }
  a {
    color: var(--tr-link, #1f5fbf);
  }
  h2,
  h3 {
    margin: 0;
    font-weight: 650;
  }
  button,
  .button {
    font: inherit;
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    min-height: 2.25rem;
    padding: 0.375rem 0.875rem;
    border-radius: var(--tr-radius, 6px);
    border: 1px solid var(--tr-border-strong, #c4cad4);
    background: var(--tr-surface, #fff);
    color: var(--tr-text, #1d2330);
    cursor: pointer;
    text-decoration: none;
    white-space: nowrap;
  }
  button:hover,
  .button:hover {
    background: var(--tr-hover, #eef1f5);
  }
  button.primary,
  .button.primary {
    background: var(--tr-accent, #2f6b3a);
    border-color: var(--tr-accent, #2f6b3a);
    color: var(--tr-on-accent, #fff);
  }
  button.primary:hover {
    background: var(--tr-accent-strong, #24532d);
  }
  button.danger.primary {
    background: var(--tr-danger, #b3261e);
    border-color: var(--tr-danger, #b3261e);
  }
  button.ghost {
    border-color: transparent;
    background: transparent;
  }
  button[disabled] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  input,
  select {
    font: inherit;
    color: inherit;
    min-height: 2.25rem;
    padding: 0.375rem 0.625rem;
    border: 1px solid var(--tr-border-strong, #c4cad4);
    border-radius: var(--tr-radius, 6px);
    background: var(--tr-surface, #fff);
  }
  input[type='checkbox'] {
    min-height: 0;
    accent-color: var(--tr-accent, #2f6b3a);
  }
  [aria-invalid='true'] {
    border-color: var(--tr-danger, #b3261e);
  }
  label {
    font-weight: 550;
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  .field-error {
    color: var(--tr-danger, #b3261e);
    font-size: 0.875rem;
    margin: 0;
  }
  .muted {
    color: var(--tr-muted, #5b6474);
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
    background: var(--tr-surface, #fff);
    border: 1px solid var(--tr-border, #e1e5eb);
    border-radius: var(--tr-radius-large, 10px);
    padding: 1rem 1.25rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    padding: 0.5rem 0.75rem;
    border-bottom: 1px solid var(--tr-border, #e1e5eb);
    vertical-align: middle;
  }
  th {
    font-weight: 600;
    color: var(--tr-muted, #5b6474);
    font-size: 0.8125rem;
    background: var(--tr-surface-sunken, #f0f2f5);
  }
  td.number,
  th.number {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .badge {
    display: inline-block;
    padding: 0.0625rem 0.5rem;
    border-radius: 999px;
    font-size: 0.8125rem;
    background: var(--tr-surface-sunken, #f0f2f5);
    border: 1px solid var(--tr-border, #e1e5eb);
    white-space: nowrap;
  }
  .badge.good {
    color: var(--tr-good, #1e7b34);
    border-color: currentColor;
  }
  .badge.bad {
    color: var(--tr-danger, #b3261e);
    border-color: currentColor;
  }
  .badge.warn {
    color: var(--sales-warn);
    background: var(--sales-warn-soft);
    border-color: currentColor;
  }
  .error-box {
    border: 1px solid var(--tr-danger, #b3261e);
    color: var(--tr-danger, #b3261e);
    background: var(--tr-danger-soft, #fdecea);
    border-radius: var(--tr-radius, 6px);
    padding: 0.625rem 0.875rem;
  }
  .notice {
    border: 1px solid var(--tr-border-strong, #c4cad4);
    background: var(--tr-surface-sunken, #f0f2f5);
    border-radius: var(--tr-radius, 6px);
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
  .state {
    display: grid;
    place-items: center;
    gap: 0.75rem;
    min-height: 8rem;
    padding: 1.5rem;
    text-align: center;
    color: var(--tr-muted, #5b6474);
  }
  dialog {
    border: 1px solid var(--tr-border, #e1e5eb);
    border-radius: var(--tr-radius-large, 10px);
    padding: 1.25rem;
    background: var(--tr-surface, #fff);
    color: var(--tr-text, #1d2330);
    max-width: min(30rem, 92vw);
    width: 100%;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 35%);
  }
`;
