import type { FieldMetadata } from '@trellis/sdk';
import { LitElement, css, html } from 'lit';

const STARS = [1, 2, 3, 4, 5] as const;

/**
 * Shows a `custom-relations.rating` value as one to five stars and, unless `readonly`, lets
 * the user pick another by clicking or with the keyboard (each star is a button).
 *
 * @fires change - The user picked a rating; the new value is in `value` and `detail.value`.
 * @csspart star - Each of the five stars.
 */
export class CustomRelationsStars extends LitElement {
  static override properties = {
    value: { type: Number },
    field: { attribute: false },
    readonly: { type: Boolean, reflect: true },
  };

  static override styles = css`
    :host {
      display: inline-flex;
      gap: 0.125rem;
    }
    button {
      padding: 0;
      border: none;
      background: none;
      font-size: 1.25rem;
      line-height: 1;
      color: #c9a227;
      cursor: pointer;
    }
    :host([readonly]) button {
      cursor: default;
    }
  `;

  /** The rating (1–5), or null when unset. */
  declare value: number | null;
  /** The field being shown, as the admin UI passes it. */
  declare field: FieldMetadata | undefined;
  /** Display only. */
  declare readonly: boolean;

  constructor() {
    super();
    this.value = null;
    this.field = undefined;
    this.readonly = false;
  }

  private pick(stars: number): void {
    if (this.readonly || stars === this.value) return;
    this.value = stars;
    this.dispatchEvent(new CustomEvent('change', { detail: { value: stars }, bubbles: true, composed: true }));
  }

  override render() {
    const label = this.field?.label ?? 'Rating';
    return STARS.map(
      (stars) =>
        html`<button
          part="star"
          type="button"
          aria-label=${`${label}: ${stars} of 5`}
          aria-pressed=${String(stars === this.value)}
          ?disabled=${this.readonly}
          @click=${() => this.pick(stars)}
        >
          ${this.value !== null && stars <= this.value ? '★' : '☆'}
        </button>`,
    );
  }
}

// The admin UI may load the module more than once (re-enabling the plugin); a tag is defined only once.
if (!customElements.get('custom-relations-stars')) customElements.define('custom-relations-stars', CustomRelationsStars);

declare global {
  interface HTMLElementTagNameMap {
    'custom-relations-stars': CustomRelationsStars;
  }
}
