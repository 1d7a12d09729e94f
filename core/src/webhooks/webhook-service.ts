import { randomBytes } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/connect.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import { NotFoundError } from '../errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import { newRecordId } from '../records/record-ids.js';
import { DeliveryLog, type Delivery } from './delivery-log.js';
import { PING_EVENT } from './event-selection.js';
import { DEFAULT_DELIVERY_SETTINGS, WebhookDispatcher, type DeliverySettings, type EventSource } from './webhook-dispatcher.js';
import { readWebhookInput, type WebhookInput } from './webhook-input.js';
import { publicActor, type WebhookEnvelope } from './webhook-payload.js';
import { WebhookStore, type SigningWebhook, type Webhook } from './webhook-store.js';

/** A page of a webhook's delivery log, newest first. */
export interface DeliveryPage {
  data: Delivery[];
  page: { next: string | null };
}

/** A secret of 32 random characters, for webhooks created without one. */
function generatedSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

/**
 * Outbound webhooks: their configuration, their delivery log and test pings. Deliveries of
 * domain events start with {@link WebhookService.start}.
 */
export class WebhookService {
  private readonly webhooks: WebhookStore;
  private readonly log: DeliveryLog;
  private readonly dispatcher: WebhookDispatcher;

  constructor(
    db: Database,
    private readonly store: MetadataStore,
    jobs: JobQueue,
    logger: Logger,
    settings: Partial<DeliverySettings> = {},
  ) {
    this.webhooks = new WebhookStore(db.knex);
    this.log = new DeliveryLog(db.knex);
    this.dispatcher = new WebhookDispatcher(this.webhooks, this.log, jobs, logger, { ...DEFAULT_DELIVERY_SETTINGS, ...settings });
  }

  /** Registers the delivery job and delivers the events of `events` from now on; returns the function that stops. */
  start(events: EventSource): () => Promise<void> {
    return this.dispatcher.start(events);
  }

  /** Every webhook, oldest first; secrets are never shown. */
  list(): Promise<Webhook[]> {
    return this.webhooks.list();
  }

  /** One webhook, without its secret. */
  async get(id: string): Promise<Webhook> {
    const { secret: _secret, ...webhook } = await this.signing(id);
    return webhook;
  }

  /** Creates a webhook; the answer is the only one that shows its secret (generated when not given). */
  async create(body: unknown, actor: Actor): Promise<Webhook & { secret: string }> {
    const input = await readWebhookInput(body, 'create', (name) => this.entityExists(name));
    const full: WebhookInput = { entities: null, active: true, description: '', secret: generatedSecret(), ...input } as WebhookInput;
    return { ...(await this.webhooks.insert(full, actor.userId)), secret: full.secret };
  }

  /** Changes any of url, events, entities, secret, active, description. */
  async update(id: string, body: unknown): Promise<Webhook> {
    const changes = await readWebhookInput(body, 'update', (name) => this.entityExists(name));
    const updated = await this.webhooks.update(id, changes);
    if (!updated) throw new NotFoundError(`Webhook ${id}`);
    return updated;
  }

  /** Deletes a webhook and its delivery log; deliveries still queued are dropped. */
  async delete(id: string): Promise<void> {
    if (!(await this.webhooks.delete(id))) throw new NotFoundError(`Webhook ${id}`);
  }

  /** A page of a webhook's delivery log, newest first. */
  async deliveries(id: string, limit: number, cursor?: string): Promise<DeliveryPage> {
    await this.signing(id);
    return this.log.page(id, limit, cursor);
  }

  /**
   * Sends a `webhook.ping` at once (active or not), without retries, and returns the delivery
   * as logged, so a client sees straight away whether the receiver accepts it.
   */
  async ping(id: string, actor: Actor): Promise<Delivery> {
    const webhook = await this.signing(id);
    const envelope: WebhookEnvelope = {
      id: newRecordId(),
      type: PING_EVENT,
      occurredAt: new Date().toISOString(),
      data: {
        webhook: { id: webhook.id, url: webhook.url, events: webhook.events, entities: webhook.entities },
        actor: publicActor(actor),
      },
    };
    const body = JSON.stringify(envelope);
    const [opened] = await this.log.open([webhook.id], envelope, body);
    const deliveryId = opened!.id;
    await this.dispatcher.send(webhook, { id: deliveryId, eventType: PING_EVENT, body }, 1, true);
    const logged = await this.log.get(deliveryId);
    // The webhook, and with it its log, was deleted while the ping was out.
    if (!logged) throw new NotFoundError(`Webhook ${id}`);
    return logged;
  }

  private async signing(id: string): Promise<SigningWebhook> {
    const webhook = await this.webhooks.find(id);
    if (!webhook) throw new NotFoundError(`Webhook ${id}`);
    return webhook;
  }

  private async entityExists(name: string): Promise<boolean> {
    if (this.store.find(name)) return true;
    return (await this.store.refreshIfStale()) && this.store.find(name) !== undefined;
  }
}
