import { LitElement, css, html } from 'lit';
import { api } from '../../api/client.js';
import type { EntityView, One, Page, RecordRow } from '../../api/types.js';
import { recordTitle, titleField } from '../../fields/field-display.js';
import { sharedStyles } from '../../ui/styles.js';
import { emitChange } from '../../ui/change-events.js';

/**
 * Picks one record of an entity: a search box (the API's `q`) and a list of the first 20
 * matches, named by their title. Only one page of matches is ever loaded.
 *
 * @fires value-changed - `detail.value` is the chosen record's id, or null.
 */
export class RecordPicker extends LitElement {
  static override properties = {
    entity: { attribute: false },
    value: { attribute: false },
    label: {},
    found: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        gap: 0.375rem;
        min-width: 14rem;
      }
      input {
        flex: 1 1 6rem;
      }
      select {
        flex: 1 1 8rem;
      }
    `,
  ];

  declare entity: EntityView | undefined;
  declare value: string | null;
  declare label: string;
  declare found: RecordRow[];

  private timer?: ReturnType<typeof setTimeout>;
  private searched = false;

  constructor() {
    super();
    this.value = null;
    this.label = 'Record';
    this.found = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.safeSearch('');
  }

  private async search(q: string): Promise<void> {
    if (!this.entity) return;
    const title = titleField(this.entity);
    const page = await api.get<Page<RecordRow>>(`/api/records/${this.entity.name}`, {
      q,
      limit: 20,
      fields: title?.name,
      sort: title?.name,
    });
    const found = page.data;
    // Keep the chosen record listed even when the search does not return it.
    if (this.value && !found.some((record) => record.id === this.value)) {
      const chosen = this.found.find((record) => record.id === this.value) ?? (await this.read(this.value));
      if (chosen) found.unshift(chosen);
    }
    this.found = found;
    this.searched = true;
  }

  /** A failed search leaves the list empty; the filter still works with what was chosen. */
  private safeSearch(q: string): void {
    this.search(q).catch(() => {
      this.found = [];
      this.searched = true;
    });
  }

  private async read(id: string): Promise<RecordRow | undefined> {
    try {
      return (await api.get<One<RecordRow>>(`/api/records/${this.entity!.name}/${id}`)).data;
    } catch {
      return undefined;
    }
  }

  private onSearch(text: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.safeSearch(text), 250);
  }

  private choose(id: string): void {
    this.value = id || null;
    emitChange(this, 'value-changed', { value: this.value });
  }

  override render() {
    const plural = this.entity?.pluralLabel ?? 'records';
    return html`
      <input
        type="search"
        aria-label="Search ${plural} for ${this.label}"
        placeholder="Search…"
        @input=${(event: Event) => this.onSearch((event.target as HTMLInputElement).value)}
      />
      <select aria-label=${this.label} @change=${(event: Event) => this.choose((event.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!this.value}>${this.searched ? `Choose…` : 'Loading…'}</option>
        ${this.found.map(
          (record) => html`<option value=${record.id} ?selected=${record.id === this.value}>${recordTitle(this.entity, record)}</option>`,
        )}
      </select>
    `;
  }
}

customElements.define('tr-record-picker', RecordPicker);

declare global {
  interface HTMLElementTagNameMap {
    'tr-record-picker': RecordPicker;
  }
}
