import { readFileSync } from 'node:fs';

/** Core's version, which plugins' `requires.core` ranges are checked against (core/package.json, from src and dist alike). */
export const CORE_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;
