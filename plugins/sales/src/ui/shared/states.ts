import { html, type TemplateResult } from 'lit';

/**
 * The loading, empty and error states every sales element shows, in the same reserved space
 * (`.state` of {@link salesStyles}), so nothing jumps when data arrives.
 */
export const states = {
  loading(label = 'Loading…'): TemplateResult {
    return html`<div class="state" role="status" aria-live="polite">${label}</div>`;
  },
  empty(message: string, action?: TemplateResult): TemplateResult {
    return html`<div class="state">
      <p>${message}</p>
      ${action ?? ''}
    </div>`;
  },
  error(message: string, retry?: () => void): TemplateResult {
    return html`<div class="state">
      <p class="error-box" role="alert">${message}</p>
      ${retry ? html`<button type="button" @click=${retry}>Try again</button>` : ''}
    </div>`;
  },
};
