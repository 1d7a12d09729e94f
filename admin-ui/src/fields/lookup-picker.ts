import { LitElement, html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { api, messageOf } from '../api/client.js';
import type { One, Page, RecordRow } from '../api/types.js';
import { store } from '../state/app-store.js';
import { recordTitle } from './field-display.js';

let counter = 0;

/**
 * A searchable record picker (ARIA combobox with a listbox): type to search `entity` with `q`,
 * arrows to move, Enter to pick, Escape to close. It renders into the light DOM of its host so
 * that a `<label for=${inputId}>` beside it, in the same shadow root, names its input.
 *
 * @fires record-picked - `detail: { id: string | null, record: RecordRow | null }` when a record is picked or the text cleared (not composed).
 */
export class LookupPicker extends LitElement {
  static override properties = {
    entity: { attribute: false },
    value: { attribute: false },
    inputId: { attribute: false },
    describedBy: { attribute: false },
    invalid: { attribute: false },
    disabled: { type: Boolean },
    placeholder: { attribute: false },
    text: { state: true },
    open: { state: true },
    options: { state: true },
    active: { state: true },
    searching: { state: true },
    problem: { state: true },
  };

  /** The entity records are picked from. */
  declare entity: string;
  /** The picked record's id (or the expanded record), null for none. */
  declare value: string | RecordRow | null;
  declare inputId: string;
  declare describedBy: string | undefined;
  declare invalid: boolean;
  declare disabled: boolean;
  declare placeholder: string | undefined;
  declare text: string;
  declare open: boolean;
  declare options: RecordRow[];
  declare active: number;
  declare searching: boolean;
  declare problem: string | null;

  private readonly listId = `tr-lookup-list-${++counter}`;
  private picked: RecordRow | null = null;
  private typing = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private searchSeq = 0;

  constructor() {
    super();
    this.entity = '';
    this.value = null;
    this.inputId = `tr-lookup-${counter}`;
    this.describedBy = undefined;
    this.invalid = false;
    this.disabled = false;
    this.placeholder = undefined;
    this.text = '';
    this.open = false;
    this.options = [];
    this.active = -1;
    this.searching = false;
    this.problem = null;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override focus(): void {
    this.querySelector('input')?.focus();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('value') || changed.has('entity')) void this.showValue();
  }

  /** Shows the current record's title, reading the record when only its id is known. */
  private async showValue(): Promise<void> {
    const value = this.value;
    if (!value) {
      this.picked = null;
      if (!this.typing) this.text = '';
      return;
    }
    if (typeof value === 'object') {
      this.picked = value;
    } else if (this.picked?.id !== value) {
      this.picked = { id: value };
      try {
        this.picked = (await api.get<One<RecordRow>>(`/api/records/${this.entity}/${encodeURIComponent(value)}`)).data;
      } catch {
        // The record may be gone or hidden: its id stands in for its title.
      }
    }
    if (!this.typing) this.text = this.titleOf(this.picked);
  }

  private titleOf(record: RecordRow | null): string {
    return record ? recordTitle(store.entity(this.entity), record) : '';
  }

  private onInput(event: Event): void {
    this.typing = true;
    this.text = (event.target as HTMLInputElement).value;
    this.open = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.search(), 200);
  }

  private async search(): Promise<void> {
    const seq = ++this.searchSeq;
    this.searching = true;
    this.problem = null;
    try {
      const page = await api.get<Page<RecordRow>>(`/api/records/${this.entity}`, { q: this.typing ? this.text.trim() : '', limit: 10 });
      if (seq !== this.searchSeq) return;
      this.options = page.data;
      this.active = this.options.length ? 0 : -1;
    } catch (error) {
      if (seq !== this.searchSeq) return;
      this.options = [];
      this.problem = messageOf(error);
    } finally {
      if (seq === this.searchSeq) this.searching = false;
    }
  }

  private openList(): void {
    if (this.disabled || this.open) return;
    this.open = true;
    void this.search();
  }

  private close(restore: boolean): void {
    this.open = false;
    this.active = -1;
    if (restore) {
      this.typing = false;
      this.text = this.titleOf(this.picked);
    }
  }

  private pick(record: RecordRow | null): void {
    this.picked = record;
    this.typing = false;
    this.text = this.titleOf(record);
    this.close(false);
    this.dispatchEvent(new CustomEvent('record-picked', { detail: { id: record?.id ?? null, record } }));
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!this.open) return this.openList();
      const count = this.options.length;
      if (!count) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + count) % count;
      this.querySelector(`#${this.listId}-${this.active}`)?.scrollIntoView({ block: 'nearest' });
    } else if (event.key === 'Enter' && this.open) {
      // Picking is the picker's Enter: a form or an inline editor around it must not also act on it.
      event.preventDefault();
      event.stopPropagation();
      const record = this.options[this.active];
      if (record) this.pick(record);
    } else if (event.key === 'Escape' && this.open) {
      event.preventDefault();
      event.stopPropagation();
      this.close(true);
    }
  }

  private onBlur(): void {
    // Clearing the text and leaving means "no record"; anything else half typed falls back to the pick.
    if (this.typing && !this.text.trim() && this.picked) this.pick(null);
    else this.close(true);
  }

  override render() {
    const activeId = this.open && this.active >= 0 ? `${this.listId}-${this.active}` : undefined;
    return html`<style>
        tr-lookup-picker {
          display: block;
          position: relative;
        }
        .tr-lookup-list {
          position: absolute;
          z-index: 20;
          left: 0;
          right: 0;
          top: calc(100% + 2px);
          margin: 0;
          padding: 0.25rem 0;
          list-style: none;
          background: var(--tr-surface);
          border: 1px solid var(--tr-border-strong);
          border-radius: var(--tr-radius);
          box-shadow: 0 6px 24px rgb(0 0 0 / 12%);
          max-height: 16rem;
          overflow: auto;
        }
        .tr-lookup-list li {
          padding: 0.375rem 0.75rem;
          cursor: pointer;
        }
        .tr-lookup-list li[aria-selected='true'] {
          background: var(--tr-hover);
          outline: 2px solid var(--tr-focus);
          outline-offset: -2px;
        }
        .tr-lookup-list .tr-lookup-note {
          color: var(--tr-muted);
          cursor: default;
        }
      </style>
      <input
        id=${this.inputId}
        type="text"
        role="combobox"
        autocomplete="off"
        aria-autocomplete="list"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls=${this.listId}
        aria-activedescendant=${ifDefined(activeId)}
        aria-invalid=${this.invalid ? 'true' : 'false'}
        aria-describedby=${ifDefined(this.describedBy)}
        placeholder=${this.placeholder ?? 'Type to search…'}
        .value=${this.text}
        ?disabled=${this.disabled}
        @input=${(event: Event) => this.onInput(event)}
        @keydown=${(event: KeyboardEvent) => this.onKeydown(event)}
        @click=${() => this.openList()}
        @blur=${() => this.onBlur()}
      />
      <ul id=${this.listId} role="listbox" class="tr-lookup-list" ?hidden=${!this.open}>
        ${this.options.map(
          (record, index) =>
            html`<li
              id="${this.listId}-${index}"
              role="option"
              aria-selected=${index === this.active ? 'true' : 'false'}
              @mousedown=${(event: Event) => event.preventDefault()}
              @click=${() => this.pick(record)}
            >
              ${this.titleOf(record)}
            </li>`,
        )}
        ${
          this.open && !this.options.length
            ? html`<li class="tr-lookup-note" role="presentation">
                ${this.searching ? 'Searching…' : (this.problem ?? 'No matching records')}
              </li>`
            : nothing
        }
      </ul>`;
  }
}

customElements.define('tr-lookup-picker', LookupPicker);
