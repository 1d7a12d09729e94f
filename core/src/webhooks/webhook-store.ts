import type { Knex } from 'knex';
import { newRecordId } from '../records/record-ids.js';
import { typeSelected, type EventSelection } from './event-selection.js';
import type { WebhookInput } from './webhook-input.js';

/** A webhook as the API shows it: everything but its secret. */
export interface Webhook {
  id: string;
  url: string;
  /** Event types, `<namespace>.*` or `*`. */
  events: string[];
  /** Entities record and relation events must concern; null for every entity. */
  entities: string[] | null;
  active: boolean;
  description: string;
  createdAt: string;
  updatedAt: string;
  /** The user who created it, or null. */
  createdBy: string | null;
}

/** A webhook with the secret its deliveries are signed with. */
export interface SigningWebhook extends Webhook {
  secret: string;
}

/** What the event listener keeps in memory to pick the webhooks of an event. */
export interface ListeningWebhook extends EventSelection {
  id: string;
}

interface WebhookRow {
  id: string;
  url: string;
  events: string;
  entities: string | null;
  secret: string;
  active: boolean | number;
  description: string;
  created_at: string;
  updated_at: string;
  created_by: string | null;
}

const TABLE = 'trellis_webhooks';
// Changes made through this process refresh the cache at once; through another process, within this delay.
const REFRESH_MS = 5_000;

function selectionOf(row: Pick<WebhookRow, 'events' | 'entities'>): { events: string[]; entities: string[] | null } {
  return { events: JSON.parse(row.events) as string[], entities: row.entities === null ? null : (JSON.parse(row.entities) as string[]) };
}

function signingWebhook(row: WebhookRow): SigningWebhook {
  return {
    id: row.id,
    url: row.url,
    ...selectionOf(row),
    active: Boolean(row.active),
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
    secret: row.secret,
  };
}

function publicWebhook(row: WebhookRow): Webhook {
  const { secret: _secret, ...webhook } = signingWebhook(row);
  return webhook;
}

function columns(input: Partial<WebhookInput>): Partial<WebhookRow> {
  const out: Partial<WebhookRow> = {};
  if (input.url !== undefined) out.url = input.url;
  if (input.events !== undefined) out.events = JSON.stringify(input.events);
  if (input.entities !== undefined) out.entities = input.entities === null ? null : JSON.stringify(input.entities);
  if (input.secret !== undefined) out.secret = input.secret;
  if (input.active !== undefined) out.active = input.active;
  if (input.description !== undefined) out.description = input.description;
  return out;
}

/**
 * The `trellis_webhooks` table, and an in-memory list of the active webhooks so that matching
 * an event to its webhooks costs no query.
 */
export class WebhookStore {
  private listening: { webhooks: Promise<ListeningWebhook[]>; loadedAt: number; loaded?: ListeningWebhook[] } | undefined;

  constructor(private readonly knex: Knex) {}

  /** Every webhook, oldest first. */
  async list(): Promise<Webhook[]> {
    return (await this.knex<WebhookRow>(TABLE).orderBy('id')).map(publicWebhook);
  }

  /** One webhook with its secret, or undefined. */
  async find(id: string): Promise<SigningWebhook | undefined> {
    const row = await this.knex<WebhookRow>(TABLE).where({ id }).first();
    return row && signingWebhook(row);
  }

  /** Stores a new webhook. */
  async insert(input: WebhookInput, createdBy: string | null): Promise<Webhook> {
    const now = new Date().toISOString();
    const row = { id: newRecordId(), ...columns(input), created_at: now, updated_at: now, created_by: createdBy } as WebhookRow;
    await this.knex<WebhookRow>(TABLE).insert(row);
    this.listening = undefined;
    return publicWebhook(row);
  }

  /** Applies changes; undefined when the webhook does not exist. */
  async update(id: string, changes: Partial<WebhookInput>): Promise<Webhook | undefined> {
    const row = await this.knex.transaction(async (trx) => {
      const updated = await trx<WebhookRow>(TABLE)
        .where({ id })
        .update({ ...columns(changes), updated_at: new Date().toISOString() });
      return updated ? trx<WebhookRow>(TABLE).where({ id }).first() : undefined;
    });
    this.listening = undefined;
    return row && publicWebhook(row);
  }

  /** Deletes a webhook and its delivery log; false when it did not exist. */
  async delete(id: string): Promise<boolean> {
    const deleted = await this.knex(TABLE).where({ id }).delete();
    this.listening = undefined;
    return deleted > 0;
  }

  /** The active webhooks, from memory when fresh enough. */
  active(): Promise<ListeningWebhook[]> {
    if (!this.listening || Date.now() - this.listening.loadedAt > REFRESH_MS) {
      const webhooks = this.knex<WebhookRow>(TABLE)
        .where({ active: true })
        .orderBy('id')
        .select('id', 'events', 'entities')
        .then((rows) => rows.map((row) => ({ id: row.id, ...selectionOf(row) })));
      const listening: NonNullable<typeof this.listening> = { webhooks, loadedAt: Date.now() };
      this.listening = listening;
      // A failed load is retried by the next event rather than remembered.
      webhooks.then(
        (loaded) => void (listening.loaded = loaded),
        () => {
          if (this.listening === listening) this.listening = undefined;
        },
      );
    }
    return this.listening.webhooks;
  }

  /**
   * Whether an active webhook may want events of this type, answered from memory at once (writes
   * ask it to know whether to build events at all). While the list is loading the answer is yes.
   */
  mayWant(type: string): boolean {
    void this.active().catch(() => undefined);
    const loaded = this.listening?.loaded;
    return !loaded || loaded.some((webhook) => typeSelected(webhook.events, type));
  }
}
