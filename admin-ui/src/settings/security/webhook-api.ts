/** A webhook as `/api/webhooks` answers (camelCase); `secret` only in the create answer. */
export interface Webhook {
  id: string;
  url: string;
  events: string[];
  entities: string[] | null;
  active: boolean;
  description: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  secret?: string;
}

/** One attempt of a delivery. */
export interface DeliveryAttempt {
  attempt: number;
  status: string;
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  durationMs: number | null;
  startedAt: string;
}

/** One delivery of the log, with its latest outcome and every attempt. */
export interface Delivery {
  id: string;
  webhookId: string;
  eventType: string;
  eventId: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempt: number;
  responseStatus: number | null;
  error: string | null;
  durationMs: number | null;
  createdAt: string;
  deliveredAt: string | null;
  attempts: DeliveryAttempt[];
}

/** The events core announces, and the wildcards; plugins' events are typed in as text. */
export const CORE_EVENTS = [
  '*',
  'record.*',
  'record.created',
  'record.updated',
  'record.deleted',
  'relation.*',
  'relation.added',
  'relation.removed',
];
