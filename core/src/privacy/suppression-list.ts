import { createHash, randomBytes } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Database } from '../db/connect.js';
import type { SqlRunner } from '../db/sql-runner.js';

const SECRET_ID = 'installation';

/**
 * The form a contact value is compared in: e-mail addresses trimmed and lower-cased, phone
 * numbers in E.164 when they parse as international numbers, else their digits (and a leading +).
 */
export function normaliseContactValue(value: string): string {
  const trimmed = value.trim();
  if (trimmed.includes('@')) return trimmed.toLowerCase();
  return parsePhoneNumberFromString(trimmed)?.number ?? trimmed.replace(/[^\d+]/g, '');
}

/**
 * Salted hashes of erased people's e-mail addresses and phone numbers: enough to recognise
 * them again (never re-import, never mail), useless for finding out who they were. The salt is
 * a random secret of the installation, created once and kept in `trellis_privacy_secret`.
 */
export class SuppressionList {
  private secret: Promise<string> | undefined;

  constructor(private readonly db: Database) {}

  /** Whether the value (an e-mail address or phone number) belongs to an erased person. */
  async isSuppressed(value: string): Promise<boolean> {
    if (normaliseContactValue(value) === '') return false;
    const rows = await this.db.sql.query('SELECT "hash" FROM trellis_suppressions WHERE "hash" = ?', [await this.hash(value)]);
    return rows.length > 0;
  }

  /** Loads (or creates) the installation's secret; call it before {@link add} runs inside a transaction. */
  async ready(): Promise<void> {
    this.secret ??= this.loadSecret();
    await this.secret;
  }

  /** Adds the values' hashes, inside the caller's transaction (after {@link ready}); resolves to how many. */
  async add(tx: SqlRunner, values: readonly string[]): Promise<number> {
    const hashes = new Set<string>();
    for (const value of values) if (normaliseContactValue(value) !== '') hashes.add(await this.hash(value));
    const now = new Date().toISOString();
    for (const hash of hashes) {
      await tx.query('INSERT INTO trellis_suppressions ("hash", "created_at") VALUES (?, ?) ON CONFLICT ("hash") DO NOTHING', [hash, now]);
    }
    return hashes.size;
  }

  private async hash(value: string): Promise<string> {
    this.secret ??= this.loadSecret();
    return createHash('sha256')
      .update(await this.secret)
      .update('\0')
      .update(normaliseContactValue(value))
      .digest('hex');
  }

  /** Reads the secret, creating it on first use; a concurrent creator's secret wins. */
  private async loadSecret(): Promise<string> {
    const select = 'SELECT "secret" FROM trellis_privacy_secret WHERE "id" = ?';
    await this.db.sql.query('INSERT INTO trellis_privacy_secret ("id", "secret") VALUES (?, ?) ON CONFLICT ("id") DO NOTHING', [
      SECRET_ID,
      randomBytes(32).toString('hex'),
    ]);
    const [row] = await this.db.sql.query(select, [SECRET_ID]);
    return row?.secret as string;
  }
}
