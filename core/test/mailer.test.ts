import type { AddressInfo } from 'node:net';
import type { MailerApi } from '@trellis/sdk';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import { createMailer, type Mailer } from '../src/mail/mailer.js';
import { CoreTokens } from '../src/tokens.js';
import { startTestServer } from './support/server.js';

/** A message as the SMTP server received it. */
interface Received {
  from: string;
  to: string[];
  raw: string;
}

const REFUSED = 'nobody@example.com';
let smtp: SMTPServer;
let smtpUrl: string;
let received: Received[] = [];
const warnings: Array<[string, Record<string, unknown> | undefined]> = [];
const logger: Logger = { info: () => undefined, warn: (message, fields) => void warnings.push([message, fields]), error: () => undefined };

const address = (entry: SMTPServerAddress) => entry.address;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(recipient, _session, callback) {
      if (recipient.address === REFUSED) {
        const error = Object.assign(new Error('No such user here'), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        received.push({
          from: from ? from.address : '',
          to: session.envelope.rcptTo.map(address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => smtp.close(resolve)));

function mailer(): Mailer {
  return createMailer({ smtpUrl, mailFrom: 'Trellis <no-reply@example.com>' }, logger);
}

describe('sending', () => {
  it('delivers the message to the SMTP server: sender, recipients, subject and body', async () => {
    received = [];
    const sender = mailer();
    try {
      const { messageId } = await sender.send({
        to: ['Ada Lovelace <ada@example.com>', 'bo@example.com'],
        cc: 'cy@example.com',
        subject: 'Your demo on Tuesday',
        text: 'Hello Ada, see you at 10:00.',
      });
      expect(messageId).toMatch(/^<.+@.+>$/);
      expect(received).toHaveLength(1);
      const [message] = received;
      expect(message?.from).toBe('no-reply@example.com');
      expect(message?.to).toEqual(['ada@example.com', 'bo@example.com', 'cy@example.com']);
      expect(message?.raw).toContain('From: Trellis <no-reply@example.com>');
      expect(message?.raw).toContain('To: Ada Lovelace <ada@example.com>, bo@example.com');
      expect(message?.raw).toContain('Subject: Your demo on Tuesday');
      expect(message?.raw).toContain('Hello Ada, see you at 10:00.');
      expect(message?.raw).toContain(`Message-ID: ${messageId}`);
    } finally {
      sender.close();
    }
  });

  it('uses the sender the message names, and sends html', async () => {
    received = [];
    const sender = mailer();
    try {
      await sender.send({ from: 'sales@example.com', to: 'ada@example.com', subject: 'Offer', html: '<p>A <b>great</b> offer</p>' });
      expect(received[0]?.from).toBe('sales@example.com');
      expect(received[0]?.raw).toContain('<p>A <b>great</b> offer</p>');
    } finally {
      sender.close();
    }
  });

  it('a refused recipient is a clear error naming the address', async () => {
    const sender = mailer();
    try {
      const failure = await sender.send({ to: REFUSED, subject: 'Hi', text: 'Hi' }).catch((error: unknown) => error);
      expect(failure).toMatchObject({ status: 502, code: 'TRELLIS_MAIL_REFUSED', errors: [{ path: 'to' }] });
      expect((failure as Error).message).toContain(REFUSED);
      expect((failure as Error).message).toContain('No such user here');
    } finally {
      sender.close();
    }
  });

  it('sends to the accepted recipients when some are refused, and logs the refusals', async () => {
    received = [];
    warnings.length = 0;
    const sender = mailer();
    try {
      await sender.send({ to: ['ada@example.com', REFUSED], subject: 'Hi', text: 'Hi' });
      expect(received.map((message) => message.to)).toEqual([['ada@example.com']]);
      expect(warnings).toEqual([['SMTP server refused some recipients', expect.objectContaining({ rejected: [REFUSED] })]]);
    } finally {
      sender.close();
    }
  });

  it('an unreachable server is a 503 worth retrying', async () => {
    const closed = new SMTPServer({ authOptional: true, logger: false });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(resolve));
    const sender = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'a@example.com' }, logger);
    await expect(sender.send({ to: 'ada@example.com', subject: 'Hi', text: 'Hi' })).rejects.toMatchObject({
      status: 503,
      code: 'TRELLIS_MAILER_UNAVAILABLE',
    });
    sender.close();
  });
});

describe('checks before sending', () => {
  it.each([
    [{ subject: 'Hi', text: 'Hi' }, 'to'],
    [{ to: [], subject: 'Hi', text: 'Hi' }, 'to'],
    [{ to: 'not an address', subject: 'Hi', text: 'Hi' }, 'to'],
    [{ to: 'a@example.com, b@example.com', subject: 'Hi', text: 'Hi' }, 'to'],
    [{ to: ['ada@example.com', 'oops@'], subject: 'Hi', text: 'Hi' }, 'to[1]'],
    [{ to: 'ada@example.com', cc: 'nope', subject: 'Hi', text: 'Hi' }, 'cc'],
    [{ to: 'ada@example.com', from: 'me', subject: 'Hi', text: 'Hi' }, 'from'],
    [{ to: 'ada@example.com', text: 'Hi' }, 'subject'],
    [{ to: 'ada@example.com', subject: '  ', text: 'Hi' }, 'subject'],
    [{ to: 'ada@example.com', subject: 'Hi' }, 'text'],
    [{ to: 'ada@example.com', subject: 'Hi', html: 42 }, 'html'],
    [{ to: 'ada@example.com', subject: 'Hi', text: 'Hi', headers: { 'X-Count': 3 } }, 'headers.X-Count'],
  ])('refuses %j, naming %s, and sends nothing', async (message, path) => {
    received = [];
    const sender = mailer();
    try {
      await expect(sender.send(message as never)).rejects.toMatchObject({ status: 400, code: 'TRELLIS_VALIDATION', errors: [{ path }] });
      expect(received).toEqual([]);
    } finally {
      sender.close();
    }
  });

  it('without TRELLIS_SMTP_URL, sending is a 503 TRELLIS_MAILER_NOT_CONFIGURED', async () => {
    const sender = createMailer({ smtpUrl: undefined, mailFrom: 'a@example.com' }, logger);
    await expect(sender.send({ to: 'ada@example.com', subject: 'Hi', text: 'Hi' })).rejects.toMatchObject({
      status: 503,
      code: 'TRELLIS_MAILER_NOT_CONFIGURED',
    });
    sender.close();
  });
});

describe('configuration', () => {
  it('reads TRELLIS_SMTP_URL and TRELLIS_MAIL_FROM, with a default sender', () => {
    expect(readConfig({})).toMatchObject({ smtpUrl: undefined, mailFrom: 'Trellis <no-reply@localhost>' });
    const config = readConfig({ TRELLIS_SMTP_URL: 'smtps://user:secret@mail.example.com:465', TRELLIS_MAIL_FROM: 'CRM <crm@example.com>' });
    expect(config).toMatchObject({ smtpUrl: 'smtps://user:secret@mail.example.com:465', mailFrom: 'CRM <crm@example.com>' });
    expect(() => readConfig({ TRELLIS_SMTP_URL: 'mail.example.com' })).toThrow(/TRELLIS_SMTP_URL/);
  });

  it('Trellis registers the configured mailer for plugins, sending with the default sender', async () => {
    received = [];
    const server = await startTestServer({ config: { smtpUrl, mailFrom: 'Acme CRM <crm@example.com>' } });
    try {
      const sender = server.trellis.container.resolve<MailerApi>(CoreTokens.Mailer);
      await sender.send({ to: 'ada@example.com', subject: 'From the app', text: 'Hello' });
      expect(received[0]?.raw).toContain('From: Acme CRM <crm@example.com>');
    } finally {
      await server.close();
    }
  });
});
