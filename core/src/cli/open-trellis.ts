import { createTrellis, type Trellis } from '../app.js';
import type { TrellisConfig } from '../config.js';
import type { CliIo } from './io.js';

/**
 * Opens Trellis on the configured database (the same configuration as `trellis start`, with
 * `config` over it) without listening, runs `work`, and closes it whatever happens.
 */
export async function withTrellis<T>(io: CliIo, work: (trellis: Trellis) => Promise<T>, config: Partial<TrellisConfig> = {}): Promise<T> {
  const trellis = await createTrellis({ env: io.env, logger: io.logger('warn'), config });
  try {
    announceFirstAdmin(trellis, io);
    return await work(trellis);
  } finally {
    await trellis.close();
  }
}

/** Prints the first admin's credentials when this start created them: the only time they are shown. */
export function announceFirstAdmin({ bootstrap }: Trellis, io: CliIo): void {
  if (!bootstrap.created) return;
  const password = bootstrap.generatedPassword
    ? `Password (shown only this once): ${bootstrap.generatedPassword}`
    : 'Password: the value of TRELLIS_ADMIN_PASSWORD';
  io.out(`\n  First admin created: ${bootstrap.email}\n  ${password}\n`);
}
