import { css, html, type TemplateResult } from 'lit';

/**
 * The look of the public pages a signed-out visitor sees (sign in, choose a password): one
 * card in the middle of the page under the Trellis name. A page sets `--auth-card-width` on
 * `:host` to widen its card.
 */
export const authCardStyles = css`
  :host {
    display: grid;
    place-items: center;
    min-height: 100vh;
    padding: 1rem;
    background: var(--tr-background);
  }
  .card {
    width: min(var(--auth-card-width, 24rem), 100%);
    display: grid;
    gap: 1rem;
    padding: 2rem;
  }
  .brand {
    font-size: 1.5rem;
    font-weight: 700;
    color: var(--tr-accent);
  }
  form {
    display: grid;
    gap: 0.875rem;
  }
  button.primary {
    justify-content: center;
  }
`;

/** The card of a public page: the Trellis name, the page's heading, then `content`. */
export function authCard(heading: string, content: unknown): TemplateResult {
  return html`<main class="card">
    <div class="brand">Trellis</div>
    <h1>${heading}</h1>
    ${content}
  </main>`;
}
