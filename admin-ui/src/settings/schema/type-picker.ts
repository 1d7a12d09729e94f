import { LitElement, css, html } from 'lit';
import { sharedStyles } from '../../ui/styles.js';
import { FIELD_TYPE_INFO, type FieldTypeInfo } from './schema-text.js';

/**
 * Picks a field type from cards that give each type a human name and a line on when to use
 * it. The cards are radio buttons, so arrow keys move between them. `extra` adds types that
 * plugins contribute (`<plugin>.<type>`). Fires `change`; read `value`.
 */
export class TypePicker extends LitElement {
  static override properties = {
    value: {},
    extra: { attribute: false },
    exclude: { attribute: false },
  };

  static override styles = [
    sharedStyles,
    css`
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
      }
      legend {
        font-weight: 550;
        padding: 0;
        margin-bottom: 0.375rem;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(11.5rem, 1fr));
        gap: 0.375rem;
      }
      .card {
        position: relative;
        display: grid;
        grid-template-columns: auto 1fr;
        column-gap: 0.5rem;
        padding: 0.5rem 0.625rem;
        border: 1px solid var(--tr-border);
        border-radius: var(--tr-radius);
        cursor: pointer;
      }
      .card:hover {
        background: var(--tr-hover);
      }
      .card:has(input:checked) {
        border-color: var(--tr-accent);
        background: var(--tr-accent-soft);
      }
      .card input {
        margin-top: 0.2rem;
        /* Above the label's card-wide click target. */
        position: relative;
        z-index: 1;
      }
      .card label {
        cursor: pointer;
      }
      .card label::after {
        /* The whole card is the click target. */
        content: '';
        position: absolute;
        inset: 0;
      }
      .desc {
        grid-column: 2;
        font-size: 0.8125rem;
        color: var(--tr-muted);
        line-height: 1.3;
      }
    `,
  ];

  declare value: string;
  declare extra: FieldTypeInfo[];
  declare exclude: string[];

  constructor() {
    super();
    this.value = 'text';
    this.extra = [];
    this.exclude = [];
  }

  private pick(type: string): void {
    this.value = type;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  override render() {
    const types = [...FIELD_TYPE_INFO, ...this.extra].filter((info) => !this.exclude.includes(info.type));
    return html`<fieldset>
      <legend>Type</legend>
      <div class="grid">
        ${types.map((info) => {
          const id = `type-${info.type.replace(/\W/g, '-')}`;
          return html`<div class="card">
            <input
              type="radio"
              name="field-type"
              id=${id}
              .value=${info.type}
              .checked=${this.value === info.type}
              aria-describedby="${id}-desc"
              @change=${() => this.pick(info.type)}
            />
            <label for=${id}>${info.label}</label>
            <span class="desc" id="${id}-desc">${info.description}</span>
          </div>`;
        })}
      </div>
    </fieldset>`;
  }
}

customElements.define('tr-type-picker', TypePicker);
