import { LitElement, css, html } from 'lit';
import type { EntityView, FieldMetadata, FieldView } from '../../api/types.js';
import { sharedStyles } from '../../ui/styles.js';

/**
 * The "Columns" button and its dialog: show or hide each field, and move shown ones up or
 * down. Every change applies at once; the page saves the choice per user and entity.
 *
 * @fires columns-changed - `detail.columns` is the field names shown, in order.
 * @fires columns-reset - the user asked for the default columns.
 */
export class ColumnChooser extends LitElement {
  static override properties = {
    entity: { attribute: false },
    columns: { attribute: false },
  };

  static override styles = [
    sharedStyles,
    css`
      ul {
        list-style: none;
        margin: 0 0 1rem;
        padding: 0;
        max-height: 60vh;
        overflow-y: auto;
      }
      li {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        padding: 0.25rem 0;
        border-bottom: 1px solid var(--tr-border);
      }
      li label {
        flex: 1;
        display: flex;
        gap: 0.5rem;
        align-items: center;
        font-weight: 450;
      }
      li button {
        min-height: 1.875rem;
        padding: 0.125rem 0.5rem;
      }
      .hidden-field label {
        color: var(--tr-muted);
      }
    `,
  ];

  declare entity: EntityView;
  declare columns: string[];

  constructor() {
    super();
    this.columns = [];
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  private change(columns: string[]): void {
    this.columns = columns;
    this.dispatchEvent(new CustomEvent('columns-changed', { detail: { columns }, bubbles: true, composed: true }));
  }

  private toggle(name: string, shown: boolean): void {
    this.change(shown ? [...this.columns, name] : this.columns.filter((column) => column !== name));
  }

  private move(index: number, by: -1 | 1): void {
    const columns = [...this.columns];
    const [moved] = columns.splice(index, 1);
    columns.splice(index + by, 0, moved!);
    this.change(columns);
  }

  private row(field: FieldMetadata) {
    const index = this.columns.indexOf(field.name);
    const shown = index >= 0;
    const id = `column-${field.name}`;
    return html`<li class=${shown ? '' : 'hidden-field'}>
      <label for=${id}>
        <input
          id=${id}
          type="checkbox"
          .checked=${shown}
          ?disabled=${shown && this.columns.length === 1}
          @change=${(event: Event) => this.toggle(field.name, (event.target as HTMLInputElement).checked)}
        />
        ${field.label}
      </label>
      ${
        shown
          ? html`<button
                type="button"
                class="ghost"
                aria-label="Move ${field.label} up"
                ?disabled=${index === 0}
                @click=${() => this.move(index, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                class="ghost"
                aria-label="Move ${field.label} down"
                ?disabled=${index === this.columns.length - 1}
                @click=${() => this.move(index, 1)}
              >
                ↓
              </button>`
          : ''
      }
    </li>`;
  }

  override render() {
    const byName = new Map(this.entity.fields.map((field) => [field.name, field]));
    const shown = this.columns.map((name) => byName.get(name)).filter((field): field is FieldView => !!field);
    const hidden = this.entity.fields.filter((field) => field.name !== 'id' && !this.columns.includes(field.name));
    return html`
      <button type="button" aria-haspopup="dialog" @click=${() => this.dialog?.showModal()}>Columns</button>
      <dialog aria-labelledby="columns-title">
        <h2 id="columns-title">Columns</h2>
        <p class="hint">Choose the columns of this list and their order. Only you see this choice.</p>
        <ul>
          ${shown.map((field) => this.row(field))} ${hidden.map((field) => this.row(field))}
        </ul>
        <div class="toolbar">
          <button
            type="button"
            class="ghost"
            @click=${() => this.dispatchEvent(new CustomEvent('columns-reset', { bubbles: true, composed: true }))}
          >
            Reset to default
          </button>
          <span class="spacer"></span>
          <button type="button" class="primary" @click=${() => this.dialog?.close()}>Done</button>
        </div>
      </dialog>
    `;
  }
}

customElements.define('tr-column-chooser', ColumnChooser);

declare global {
  interface HTMLElementTagNameMap {
    'tr-column-chooser': ColumnChooser;
  }
}
