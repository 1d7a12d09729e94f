import type { FieldProblem, MailerApi, MailMessage } from '@trellis/sdk';
import { createTransport } from 'nodemailer';
import type { TrellisConfig } from '../config.js';
import { TrellisError } from '../errors.js';
import type { Logger } from '../logger.js';
import { assertMailMessage } from './mail-message.js';

/** The SDK's {@link MailerApi}, plus closing its SMTP connections when Trellis stops. */
export interface Mailer extends MailerApi {
  /** Closes the SMTP transport (pooled connections included). */
  close(): void;
}

/** What nodemailer attaches to a failed send. */
interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  rejected?: string[];
  message?: string;
}

/** The SMTP server said no to the message or its recipients: retrying the same message will not help. */
function refused(failure: SmtpFailure): TrellisError {
  const reply = failure.response ?? failure.message ?? 'no reply';
  const rejected = failure.rejected ?? [];
  return new TrellisError(
    502,
    'TRELLIS_MAIL_REFUSED',
    'Mail refused',
    rejected.length
      ? `The SMTP server refused the recipient${rejected.length > 1 ? 's' : ''} ${rejected.join(', ')}: ${reply}`
      : `The SMTP server refused the message: ${reply}`,
    rejected.length ? [{ path: 'to', message: `refused by the SMTP server: ${rejected.join(', ')}` }] : undefined,
  );
}

/** The SMTP server could not be reached or used (connection, TLS, login): worth retrying later. */
function unavailable(failure: SmtpFailure): TrellisError {
  return new TrellisError(
    503,
    'TRELLIS_MAILER_UNAVAILABLE',
    'Mail server unavailable',
    `Could not send through the SMTP server: ${failure.message ?? failure.code ?? 'unknown error'}`,
  );
}

/** Tells whether an address belongs to an erased person (the privacy suppression list). */
export type SuppressionCheck = (address: string) => Promise<boolean>;

/** Each recipient's bare address with the field it came in (`"Ada" <ada@example.com>` → ada@example.com). */
function recipients(message: MailMessage): Array<{ path: 'to' | 'cc' | 'bcc'; address: string }> {
  return (['to', 'cc', 'bcc'] as const).flatMap((path) => {
    const value = message[path];
    const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
    return list.map((entry) => ({ path, address: (/<([^>]+)>/.exec(entry)?.[1] ?? entry).trim() }));
  });
}

/** Refuses the whole message when any recipient was erased: nobody is mailed after asking to be forgotten. */
async function assertNotSuppressed(message: MailMessage, isSuppressed: SuppressionCheck): Promise<void> {
  const problems: FieldProblem[] = [];
  for (const { path, address } of recipients(message))
    if (await isSuppressed(address)) problems.push({ path, message: `${address} belongs to an erased person and may not be mailed` });
  if (problems.length)
    throw new TrellisError(
      409,
      'TRELLIS_RECIPIENT_SUPPRESSED',
      'Recipient suppressed',
      'The message was not sent: a recipient asked to be forgotten',
      problems,
    );
}

function translate(error: unknown): TrellisError {
  const failure = (error ?? {}) as SmtpFailure;
  const permanent = failure.code === 'EENVELOPE' || failure.code === 'EMESSAGE' || (failure.responseCode ?? 0) >= 500;
  return permanent ? refused(failure) : unavailable(failure);
}

/**
 * The mailer core offers plugins: one SMTP transport built from TRELLIS_SMTP_URL, messages
 * checked before they leave, sent from TRELLIS_MAIL_FROM unless they name a sender. Without an
 * SMTP URL every send fails with TRELLIS_MAILER_NOT_CONFIGURED (503), so a plugin can tell
 * "not set up" from "refused". A message to an erased person (`isSuppressed`) is refused with
 * TRELLIS_RECIPIENT_SUPPRESSED (409) before it leaves.
 *
 * @example
 * ```ts
 * const mailer = createMailer(config, logger);
 * await mailer.send({ to: 'ada@example.com', subject: 'Welcome', text: 'Hello Ada' });
 * ```
 */
export function createMailer(
  config: Pick<TrellisConfig, 'smtpUrl' | 'mailFrom'>,
  logger: Logger,
  isSuppressed: SuppressionCheck = () => Promise.resolve(false),
): Mailer {
  const transport = config.smtpUrl ? createTransport(config.smtpUrl, { from: config.mailFrom }) : undefined;
  return {
    async send(message: MailMessage) {
      const checked = assertMailMessage(message);
      await assertNotSuppressed(checked, isSuppressed);
      if (!transport) {
        throw new TrellisError(
          503,
          'TRELLIS_MAILER_NOT_CONFIGURED',
          'Mailer not configured',
          'No SMTP server is configured: set TRELLIS_SMTP_URL',
        );
      }
      const info = await transport.sendMail(checked).catch((error: unknown) => {
        throw translate(error);
      });
      // Some recipients accepted, some refused: the message is out, so it is not an error (a
      // retry would send it twice to those who got it), but the refusals are worth a line.
      if (info.rejected.length) logger.warn('SMTP server refused some recipients', { messageId: info.messageId, rejected: info.rejected });
      return { messageId: info.messageId };
    },
    close() {
      transport?.close();
    },
  };
}
