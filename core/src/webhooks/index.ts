/** Outbound webhooks: configuration, delivery of domain events as signed POSTs, and the delivery log. */
export { WebhookService, type DeliveryPage } from './webhook-service.js';
export { WEBHOOK_DELIVERY_JOB, DEFAULT_DELIVERY_SETTINGS, type DeliverySettings, type EventSource } from './webhook-dispatcher.js';
export { MAX_DELIVERY_PAGE, type Delivery, type DeliveryAttempt, type DeliveryStatus } from './delivery-log.js';
export { DELIVERY_TIMEOUT_MS, RESPONSE_EXCERPT_BYTES, signatureOf } from './send-delivery.js';
export { MIN_SECRET_LENGTH } from './webhook-input.js';
export { PING_EVENT } from './event-selection.js';
export type { Webhook } from './webhook-store.js';
export type { WebhookEnvelope } from './webhook-payload.js';
