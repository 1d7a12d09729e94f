import type { FieldProblem, MailMessage } from '@trellis/sdk';
import addressparser from 'nodemailer/lib/addressparser';
import { ValidationError } from '../errors.js';

/** An address an SMTP envelope takes: local@domain, no spaces or separators, no empty domain label. */
const ADDRESS = /^[^\s@<>()",;]+@[^\s@<>()",;.]+(?:\.[^\s@<>()",;.]+)*$/;

/** Problems of one address field: each entry must be `a@b.c` or `Name <a@b.c>`. */
function addressProblems(path: string, value: unknown, required: boolean): FieldProblem[] {
  if (value === undefined) return required ? [{ path, message: 'is required' }] : [];
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) return required ? [{ path, message: 'must name at least one address' }] : [];
  const problems: FieldProblem[] = [];
  list.forEach((item, index) => {
    const where = Array.isArray(value) ? `${path}[${index}]` : path;
    if (typeof item !== 'string' || !item.trim()) return void problems.push({ path: where, message: 'must be an e-mail address' });
    const parsed = addressparser(item, { flatten: true });
    if (parsed.length !== 1 || !ADDRESS.test(parsed[0]?.address ?? ''))
      problems.push({ path: where, message: `"${item}" is not one e-mail address` });
  });
  return problems;
}

/** Checks a message before it goes to the SMTP server; a ValidationError names every bad field. */
export function assertMailMessage(message: unknown): MailMessage {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) throw ValidationError.at('message', 'must be an object');
  const m = message as Partial<Record<keyof MailMessage, unknown>>;
  const problems = [
    ...addressProblems('to', m.to, true),
    ...addressProblems('cc', m.cc, false),
    ...addressProblems('bcc', m.bcc, false),
    ...addressProblems('from', m.from, false),
    ...addressProblems('replyTo', m.replyTo, false),
  ];
  if (typeof m.subject !== 'string' || !m.subject.trim()) problems.push({ path: 'subject', message: 'must be a non-blank string' });
  for (const part of ['text', 'html'] as const) {
    if (m[part] !== undefined && typeof m[part] !== 'string') problems.push({ path: part, message: 'must be a string' });
  }
  if (m.text === undefined && m.html === undefined) problems.push({ path: 'text', message: 'text or html is required' });
  if (m.headers !== undefined) {
    const headers = m.headers;
    if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
      problems.push({ path: 'headers', message: 'must be an object' });
    else
      for (const [name, value] of Object.entries(headers))
        if (typeof value !== 'string') problems.push({ path: `headers.${name}`, message: 'must be a string' });
  }
  if (problems.length) throw new ValidationError(problems);
  return message as MailMessage;
}
