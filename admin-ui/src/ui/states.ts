import { html, type TemplateResult } from 'lit';

/**
 * The three states every screen has besides its content, drawn the same everywhere. The
 * loading state keeps the space of what it stands for (`minHeight`), so nothing jumps when
 * data arrives.
 */
export const states = {
  loading(label = 'Loading…', minHeight = '8rem'): TemplateResult {
    return html`<div role="status" aria-live="polite" class="muted" style="min-height:${minHeight};padding:1rem 0">${label}</div>`;
  },
  empty(message: string, action?: TemplateResult): TemplateResult {
    return html`<div class="card muted" style="text-align:center;padding:2rem">
      <p>${message}</p>
      ${action ?? ''}
    </div>`;
  },
  error(message: string, retry?: () => void): TemplateResult {
    return html`<div class="error-box" role="alert">
      ${message} ${retry ? html`<button type="button" @click=${retry}>Try again</button>` : ''}
    </div>`;
  },
};
