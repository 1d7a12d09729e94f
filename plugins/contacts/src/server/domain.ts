/** A host name of at least two labels, each 1–63 letters, digits or inner hyphens, ending in a letter-only TLD. */
const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * The web domain `raw` names, lower-case, without scheme, `www.`, port, path or trailing dot
 * (`https://www.Acme.example/about` → `acme.example`); null when it names none. Companies are
 * de-duplicated on it, so `ACME.example` and `acme.example` must be one value.
 *
 * @example
 * ```ts
 * webDomain(' WWW.Acme.Example '); // 'acme.example'
 * webDomain('not a domain'); // null
 * ```
 */
export function webDomain(raw: string): string | null {
  const host = raw
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^[^@/]*@/, '')
    .replace(/[/?#:].*$/, '')
    .replace(/\.$/, '')
    .replace(/^www\./, '');
  return DOMAIN.test(host) ? host : null;
}
