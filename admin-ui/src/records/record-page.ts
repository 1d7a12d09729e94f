import { LitElement, html, nothing } from 'lit';
import { confirmAction } from '../ui/confirm-dialog.js';
import { ApiError, api, messageOf } from '../api/client.js';
import type { EntityView, One, RecordRow } from '../api/types.js';
import { recordTitle } from '../fields/field-display.js';
import '../plugins/record-extensions.js';
import { navigate } from '../router.js';
import { StoreController, store } from '../state/app-store.js';
import { states } from '../ui/states.js';
import { sharedStyles } from '../ui/styles.js';
import { setTitle } from '../ui/title.js';
import './record/record-fields.js';
import { recordPageStyles } from './record/record-page-styles.js';
import './record/record-tabs.js';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * `/records/:entity/:id`: a record's page. The header names the record, its owner and dates;
 * the fields (editable in place) fill the left column, and relations, timeline and history the
 * right one, above the panels of plugins. One column on narrow screens.
 */
export class RecordPage extends LitElement {
  static override properties = {
    params: { attribute: false },
    query: { attribute: false },
    record: { state: true },
    problem: { state: true },
    missing: { state: true },
    ownerName: { state: true },
  };

  static override styles = [sharedStyles, recordPageStyles];

  declare params: Record<string, string>;
  declare query: URLSearchParams;
  declare record: RecordRow | null;
  declare problem: string | null;
  declare missing: boolean;
  declare ownerName: string | null;

  private loadedFor = '';
  private loadSeq = 0;

  constructor() {
    super();
    new StoreController(this);
    this.params = {};
    this.query = new URLSearchParams();
    this.record = null;
    this.problem = null;
    this.missing = false;
    this.ownerName = null;
  }

  private get entity(): EntityView | undefined {
    return store.entity(this.params.entity ?? '');
  }

  protected override willUpdate(): void {
    const key = `${this.params.entity ?? ''}/${this.params.id ?? ''}`;
    if (key === this.loadedFor || !this.entity) return;
    this.loadedFor = key;
    this.record = null;
    this.problem = null;
    this.missing = false;
    void this.load();
  }

  /** Reads the record with its lookups expanded (their titles link to the linked records). */
  private async load(): Promise<void> {
    const entity = this.entity;
    if (!entity) return;
    const seq = ++this.loadSeq;
    const lookups = entity.fields.filter((field) => field.type === 'lookup').map((field) => field.name);
    try {
      const path = `/api/records/${entity.name}/${encodeURIComponent(this.params.id ?? '')}`;
      const record = (await api.get<One<RecordRow>>(path, { expand: lookups.join(',') })).data;
      if (seq !== this.loadSeq) return;
      this.record = record;
      setTitle(recordTitle(entity, record));
      void this.loadOwner(record);
    } catch (error) {
      if (seq !== this.loadSeq) return;
      if (error instanceof ApiError && error.status === 404) this.missing = true;
      else this.problem = messageOf(error);
      setTitle(entity.label);
    }
  }

  /** The owner's name: "You", or the colleague's name (`GET /api/users/names`, open to every user). */
  private async loadOwner(record: RecordRow): Promise<void> {
    const owner = typeof record.owner_id === 'string' ? record.owner_id : null;
    this.ownerName = owner === null ? null : owner === store.user?.id ? 'You' : owner;
    if (!owner || owner === store.user?.id) return;
    try {
      const [user] = (await api.get<One<Array<{ id: string; name: string }>>>('/api/users/names', { ids: owner })).data;
      // An owner set by an import may name no user: the id stays.
      if (user) this.ownerName = user.name;
    } catch {
      // Names are a nicety: the record shows the owner's id.
    }
  }

  private onUpdated(event: CustomEvent<{ record: RecordRow }>): void {
    if (!this.record) return;
    // Keeps expanded lookups until the re-read brings the new ones.
    this.record = { ...this.record, ...event.detail.record };
    void this.load();
  }

  private async deleteRecord(entity: EntityView, record: RecordRow): Promise<void> {
    const done = await confirmAction({
      danger: true,
      heading: `Delete ${recordTitle(entity, record)}?`,
      message: `This ${entity.label.toLowerCase()}, its relations and its timeline are deleted. This cannot be undone.`,
      actionLabel: `Delete ${entity.label.toLowerCase()}`,
      action: () => api.delete(`/api/records/${entity.name}/${encodeURIComponent(record.id)}`),
    });
    if (done) navigate(`/records/${entity.name}`, { replace: true });
  }

  /** Links to create records of entities that point here ("New contact" at this company). */
  private newLinks(entity: EntityView, record: RecordRow) {
    const links = store.visibleEntities.flatMap((other) =>
      other.access.create === 'none'
        ? []
        : other.fields
            .filter((field) => field.type === 'lookup' && field.options.target === entity.name && !field.system)
            .map((field) => ({ other, field })),
    );
    return links.map(
      ({ other, field }) =>
        html`<a class="button ghost" href="/records/${other.name}/new?${field.name}=${encodeURIComponent(record.id)}">
          New ${other.label.toLowerCase()}${links.filter((link) => link.other === other).length > 1 ? ` (${field.label})` : ''}
        </a>`,
    );
  }

  private header(entity: EntityView, record: RecordRow | null) {
    const created = record && typeof record.created_at === 'string' ? when.format(new Date(record.created_at)) : '';
    const updated = record && typeof record.updated_at === 'string' ? when.format(new Date(record.updated_at)) : '';
    return html`<header class="record-header card">
      <div class="avatar" aria-hidden="true">${record ? recordTitle(entity, record).slice(0, 1).toUpperCase() : ''}</div>
      <div class="heading">
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/records/${entity.name}">${entity.pluralLabel}</a></nav>
        <h1>${record ? recordTitle(entity, record) : html`<span class="muted">Loading…</span>`}</h1>
        <p class="meta muted">
          <span class="badge">${entity.label}</span>
          ${
            record
              ? html`${this.ownerName ? html`<span>Owner: ${this.ownerName}</span>` : nothing}
                  <span>Created ${created}</span>
                  <span>Updated ${updated}</span>`
              : html`<span>&nbsp;</span>`
          }
        </p>
      </div>
      <div class="toolbar actions">
        ${record ? this.newLinks(entity, record) : nothing}
        ${
          record
            ? html`<tr-record-extensions
                show="actions"
                .entity=${entity.name}
                .recordId=${record.id}
                .record=${record}
              ></tr-record-extensions>`
            : nothing
        }
        ${
          record && entity.access.delete !== 'none'
            ? html`<button type="button" class="danger" @click=${() => void this.deleteRecord(entity, record)}>Delete</button>`
            : nothing
        }
      </div>
    </header>`;
  }

  override render() {
    if (!store.entities.length) return states.loading();
    const entity = this.entity;
    if (!entity || this.missing) {
      return html`<div class="page-header"><h1>Not found</h1></div>
        ${states.empty(
          'This record does not exist or you cannot see it.',
          entity ? html`<a class="button" href="/records/${entity.name}">Back to ${entity.pluralLabel.toLowerCase()}</a>` : undefined,
        )}`;
    }
    if (this.problem) return html`${this.header(entity, null)}${states.error(this.problem, () => void this.load())}`;
    const record = this.record;
    return html`${this.header(entity, record)}
      <div class="columns">
        <div class="main">
          ${
            record
              ? html`<tr-record-fields
                  .entity=${entity}
                  .record=${record}
                  @record-updated=${(event: CustomEvent<{ record: RecordRow }>) => this.onUpdated(event)}
                ></tr-record-fields>`
              : html`<div class="card">${states.loading('Loading fields…', '20rem')}</div>`
          }
        </div>
        <aside class="side" aria-label="Activity and relations">
          ${
            record
              ? html`<tr-record-tabs .entity=${entity} .record=${record}></tr-record-tabs>
                  <tr-record-extensions
                    show="panels"
                    .entity=${entity.name}
                    .recordId=${record.id}
                    .record=${record}
                  ></tr-record-extensions>`
              : html`<div class="card">${states.loading('Loading…', '20rem')}</div>`
          }
        </aside>
      </div>`;
  }
}

customElements.define('tr-record-page', RecordPage);
