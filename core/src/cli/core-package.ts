import { readFileSync } from 'node:fs';

/** What the CLI reads from core's package.json: the version it reports and gives new plugins. */
export interface CorePackage {
  version: string;
  dependencies: Record<string, string>;
}

/** core/package.json, from core/src/cli and core/dist/cli alike. */
export const CORE_PACKAGE = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as CorePackage;
