import type { DomainEvent } from '@trellis/sdk';
import type { EventListener } from '../events/event-emitter.js';
import type { JobQueue, JobRun } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import { newRecordId } from '../records/record-ids.js';
import type { AttemptOutcome, DeliveryLog } from './delivery-log.js';
import { selects } from './event-selection.js';
import { DELIVERY_TIMEOUT_MS, sendDelivery, type OutgoingDelivery } from './send-delivery.js';
import { eventEnvelope } from './webhook-payload.js';
import type { SigningWebhook, WebhookStore } from './webhook-store.js';

/** The job that sends one delivery: payload `{ webhookId, deliveryId }`. */
export const WEBHOOK_DELIVERY_JOB = 'core.webhook_deliver';

/** How hard deliveries try. */
export interface DeliverySettings {
  /** Retries after the first attempt. */
  retries: number;
  /** Delay before the first retry, doubled for each next one. */
  backoffSeconds: number;
  /** How long a receiver has to answer. */
  timeoutMs: number;
}

/** 8 retries from 30 s, doubling: the last attempt comes about 2 h 7 min after the first. */
export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = { retries: 8, backoffSeconds: 30, timeoutMs: DELIVERY_TIMEOUT_MS };

/** What a delivery sends, whichever webhook it goes to. */
export type DeliveryContent = Pick<OutgoingDelivery, 'id' | 'eventType' | 'body'>;

/** The part of the domain events bus the dispatcher listens to. */
export interface EventSource {
  onAny(listener: EventListener<DomainEvent>, wants?: (type: DomainEvent['type']) => boolean): () => void;
}

/**
 * Turns domain events into deliveries: for each event, a pending delivery row per matching
 * active webhook and a job per delivery; the job signs and POSTs it, and throws on failure so
 * the queue retries it with back-off.
 */
export class WebhookDispatcher {
  private readonly fanningOut = new Set<Promise<void>>();

  constructor(
    private readonly webhooks: WebhookStore,
    private readonly log: DeliveryLog,
    private readonly jobs: JobQueue,
    private readonly logger: Logger,
    private readonly settings: DeliverySettings,
  ) {}

  /** Registers the delivery job and starts listening; returns the function that stops both. */
  start(events: EventSource): () => Promise<void> {
    const unregister = this.jobs.register({
      name: WEBHOOK_DELIVERY_JOB,
      handler: (run) => this.deliver(run),
      retries: this.settings.retries,
      backoffSeconds: this.settings.backoffSeconds,
      // Past the request's own timeout, an attempt is stuck rather than slow.
      timeoutSeconds: Math.ceil(this.settings.timeoutMs / 1000) + 30,
    });
    const unsubscribe = events.onAny(
      (event) => this.track(this.fanOut(event)),
      (type) => this.webhooks.mayWant(type),
    );
    return async () => {
      unsubscribe();
      await Promise.allSettled(this.fanningOut);
      unregister();
    };
  }

  /** Sends one attempt of a delivery and records its outcome. */
  async send(webhook: SigningWebhook, delivery: DeliveryContent, attempt: number, last: boolean): Promise<AttemptOutcome> {
    const outcome = await sendDelivery({ url: webhook.url, secret: webhook.secret, ...delivery }, this.settings.timeoutMs);
    await this.log.record(delivery.id, attempt, outcome, last);
    return outcome;
  }

  private track(work: Promise<void>): Promise<void> {
    this.fanningOut.add(work);
    return work.finally(() => this.fanningOut.delete(work));
  }

  private async fanOut(event: DomainEvent): Promise<void> {
    // Listeners are called as the change commits: that is when it occurred.
    const occurredAt = new Date().toISOString();
    const targets = (await this.webhooks.active()).filter((webhook) => selects(webhook, event));
    if (!targets.length) return;
    const envelope = eventEnvelope(event, newRecordId(), occurredAt);
    const deliveries = await this.log.open(
      targets.map((webhook) => webhook.id),
      envelope,
      JSON.stringify(envelope),
    );
    for (const { id: deliveryId, webhookId } of deliveries) {
      try {
        await this.jobs.enqueue(WEBHOOK_DELIVERY_JOB, { webhookId, deliveryId });
      } catch (error) {
        this.logger.error('webhook delivery could not be queued', { error, webhookId, deliveryId });
        await this.log.abandon(deliveryId, 'the delivery could not be queued; see the server log');
      }
    }
  }

  private async deliver(run: JobRun): Promise<void> {
    const { deliveryId } = run.payload;
    const delivery = typeof deliveryId === 'string' ? await this.log.find(deliveryId) : undefined;
    // Gone with its webhook, or settled by an earlier run of this job: nothing to send.
    if (delivery?.status !== 'pending') return;
    const webhook = await this.webhooks.find(delivery.webhook_id);
    if (!webhook?.active) {
      await this.log.abandon(delivery.id, 'the webhook was switched off before delivery; nothing was sent');
      return;
    }
    const content = { id: delivery.id, eventType: delivery.event_type, body: delivery.payload };
    const outcome = await this.send(webhook, content, run.attempt, run.attempt > this.settings.retries);
    if (!outcome.ok) throw new Error(`webhook delivery ${delivery.id} to ${webhook.url} failed: ${outcome.error}`);
  }
}
