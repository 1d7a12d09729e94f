import { LitElement, css, html } from 'lit';
import { sharedStyles } from '../../ui/styles.js';

/** One choice of a {@link CheckList}. */
export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

/**
 * A labelled group of checkboxes: the multi-select of these screens (roles, teams, members,
 * events, fields). A fieldset with a legend, so screen readers name the group and each box.
 *
 * @fires change - when the selection changes; read `value`.
 */
export class CheckList extends LitElement {
  static override properties = {
    label: {},
    choices: { attribute: false },
    value: { attribute: false },
    error: {},
    disabled: { type: Boolean },
    empty: {},
  };

  static override styles = [
    sharedStyles,
    css`
      fieldset {
        border: 1px solid var(--tr-border);
        border-radius: var(--tr-radius);
        padding: 0.5rem 0.75rem;
        margin: 0;
        min-width: 0;
      }
      legend {
        font-weight: 550;
        padding: 0 0.25rem;
      }
      .options {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
        gap: 0.25rem 1rem;
        max-height: 13rem;
        overflow: auto;
      }
      label {
        display: flex;
        gap: 0.5rem;
        align-items: baseline;
        font-weight: 400;
        padding: 0.125rem 0;
      }
      fieldset[aria-invalid='true'] {
        border-color: var(--tr-danger);
      }
    `,
  ];

  declare label: string;
  declare choices: Choice[];
  declare value: string[];
  declare error: string;
  declare disabled: boolean;
  declare empty: string;

  constructor() {
    super();
    this.label = '';
    this.choices = [];
    this.value = [];
    this.error = '';
    this.disabled = false;
    this.empty = 'Nothing to choose from yet.';
  }

  private toggle(value: string, on: boolean): void {
    this.value = on ? [...this.value, value] : this.value.filter((item) => item !== value);
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  override render() {
    return html`<fieldset aria-invalid=${this.error ? 'true' : 'false'} ?disabled=${this.disabled}>
        <legend>${this.label}</legend>
        ${
          this.choices.length
            ? html`<div class="options">
                ${this.choices.map(
                  (choice) =>
                    html`<label
                      ><input
                        type="checkbox"
                        .checked=${this.value.includes(choice.value)}
                        @change=${(event: Event) => this.toggle(choice.value, (event.target as HTMLInputElement).checked)}
                      />
                      <span>${choice.label}${choice.hint ? html` <span class="hint">${choice.hint}</span>` : ''}</span></label
                    >`,
                )}
              </div>`
            : html`<p class="hint">${this.empty}</p>`
        }
      </fieldset>
      ${this.error ? html`<p class="field-error">${this.error}</p>` : ''}`;
  }
}

customElements.define('tr-check-list', CheckList);
