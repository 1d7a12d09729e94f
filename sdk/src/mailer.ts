/**
 * One e-mail message for {@link MailerApi.send}.
 *
 * @example
 * ```ts
 * const message: MailMessage = { to: ['ada@example.com'], subject: 'Your quote', html: '<p>Attached.</p>' };
 * ```
 */
export interface MailMessage {
  /** Recipient address(es). */
  to: string | string[];
  /** Carbon copies. */
  cc?: string | string[];
  /** Blind carbon copies. */
  bcc?: string | string[];
  /** Sender; defaults to core's `TRELLIS_MAIL_FROM`. */
  from?: string;
  /** Where replies go. */
  replyTo?: string;
  /** Subject line. */
  subject: string;
  /** Plain-text body (give it, or html, or both). */
  text?: string;
  /** HTML body. */
  html?: string;
  /** Extra headers, e.g. `List-Unsubscribe`. */
  headers?: Record<string, string>;
}
