import { ValidationError, type RecordHooks } from '@trellis/sdk';
import { webDomain } from './domain.js';
import { company } from './entities.js';

/** Normalises a `domain` being written; refuses one that names no web domain (400 naming `domain`). */
function normaliseDomain(values: Record<string, unknown>): void {
  const raw = values.domain;
  if (typeof raw !== 'string') return;
  if (raw.trim() === '') {
    values.domain = null;
    return;
  }
  const domain = webDomain(raw);
  if (!domain) throw ValidationError.at('domain', 'must be a web domain such as "acme.com"');
  values.domain = domain;
}

/** Fills an empty `domain` from the `website` being written; a website without a usable host leaves it empty. */
function domainFromWebsite(values: Record<string, unknown>): void {
  if (typeof values.website === 'string') values.domain = webDomain(values.website);
}

/**
 * Record hooks of `company`: `domain` is stored lower-case and bare (`acme.com`), and taken
 * from `website` when nobody gave one, so that other plugins can find a company by domain.
 *
 * @example
 * ```ts
 * definePlugin({ name: 'contacts', version: '1.0.0', hooks: [companyHooks] });
 * ```
 */
export const companyHooks: RecordHooks = {
  entity: company.name,
  beforeCreate(data) {
    if (data.domain === undefined || data.domain === null) domainFromWebsite(data);
    else normaliseDomain(data);
  },
  beforeUpdate(changes, { before }) {
    if ('domain' in changes) normaliseDomain(changes);
    else if ('website' in changes && !before.domain) domainFromWebsite(changes);
  },
};
