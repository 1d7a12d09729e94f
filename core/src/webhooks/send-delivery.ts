import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { AttemptOutcome } from './delivery-log.js';

/** How long a receiver has to answer before the attempt counts as failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** How much of a receiver's answer the delivery log keeps. */
export const RESPONSE_EXCERPT_BYTES = 2048;

/** What one attempt sends. */
export interface OutgoingDelivery {
  url: string;
  secret: string;
  /** The delivery id (`X-Trellis-Delivery`). */
  id: string;
  eventType: string;
  /** The JSON body, sent byte for byte as stored. */
  body: string;
}

/** `sha256=<hex>`: the HMAC-SHA256, keyed with the webhook's secret, of `<timestamp>.<body>`. */
export function signatureOf(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * The start of a response body, without reading the rest of a large one. The status decided
 * the outcome already: a body cut short (timeout, reset) keeps what arrived.
 */
async function excerptOf(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    chunks.push(new TextEncoder().encode(' [answer cut short]'));
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES));
}

/** A readable reason for a request that got no answer. */
function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `request failed: ${detail}`;
}

/**
 * POSTs one delivery, signed, and reports how it went; never throws. Redirects are not
 * followed (a 3xx is a failure): the signed body goes only where the webhook points.
 */
export async function sendDelivery(delivery: OutgoingDelivery, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<AttemptOutcome> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const timestamp = String(Math.floor(Date.now() / 1000));
  const finish = (outcome: Omit<AttemptOutcome, 'durationMs' | 'startedAt'>): AttemptOutcome => ({
    ...outcome,
    durationMs: Math.round(performance.now() - started),
    startedAt,
  });
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Trellis-Webhooks',
        'x-trellis-event': delivery.eventType,
        'x-trellis-delivery': delivery.id,
        'x-trellis-timestamp': timestamp,
        'x-trellis-signature': signatureOf(delivery.secret, timestamp, delivery.body),
      },
      body: delivery.body,
    });
    const ok = response.status >= 200 && response.status < 300;
    const responseBody = await excerptOf(response);
    return finish({ ok, responseStatus: response.status, responseBody, error: ok ? null : `the receiver answered ${response.status}` });
  } catch (error) {
    return finish({ ok: false, responseStatus: null, responseBody: null, error: reasonOf(error, timeoutMs) });
  }
}
