import type { JsonObject } from './json.js';
import type { RecordRef } from './relations.js';
import type { PluginContext } from './context.js';
import type { RecordsApi } from './services.js';

/**
 * Whether a person agreed to a purpose (`newsletter`, `phone_calls`, …) on a channel.
 *
 * @example
 * ```ts
 * const status: ConsentStatus = 'withdrawn';
 * ```
 */
export type ConsentStatus = 'granted' | 'withdrawn';

/**
 * A person's consent as stored (`/api/privacy/consents`), latest per purpose and channel wins.
 *
 * @example
 * ```ts
 * const mayMail = (consent: Consent) => consent.purpose === 'newsletter' && consent.status === 'granted';
 * ```
 */
export interface Consent {
  /** The consent's id. */
  id: string;
  /** The person (a record of a data-subject entity). */
  subject: RecordRef;
  /** Lower snake case purpose. */
  purpose: string;
  /** `email`, `phone`, `sms`, `post`, `any`, … */
  channel: string;
  /** Granted or withdrawn. */
  status: ConsentStatus;
  /** Where it came from: `web_form`, `import`, `phone_call`, … */
  source: string;
  /** Evidence: the form text and IP, a recording id, … */
  proof: JsonObject;
  /** When the person gave or withdrew it. */
  recorded_at: string;
}

/**
 * Privacy services for plugins: consents and the suppression list (campaigns must check both).
 *
 * @example
 * ```ts
 * const privacy = services.get(Tokens.Privacy);
 * if ((await privacy.consent(contact, 'newsletter', 'email')) === 'granted' && !(await privacy.isSuppressed(email))) send();
 * ```
 */
export interface PrivacyApi {
  /** The current status for a purpose and channel (`any` matches every channel), or null when never asked. */
  consent(subject: RecordRef, purpose: string, channel?: string): Promise<ConsentStatus | null>;
  /** Whether an e-mail address or phone number belongs to an erased person and must never be mailed, called or re-imported. */
  isSuppressed(value: string): Promise<boolean>;
}

/**
 * How a plugin takes part in data-subject requests: what it holds about a person (added to
 * the export under the plugin's name) and how it erases it (inside the erasure transaction).
 *
 * @example
 * ```ts
 * const privacy: PluginPrivacy = {
 *   async export(subject, ctx) {
 *     return { calls: (await ctx.records.list('call', { filter: { contact: { eq: subject.id } } })).data };
 *   },
 *   async erase(subject, ctx) {
 *     const calls = await ctx.records.list('call', { filter: { contact: { eq: subject.id } } });
 *     for (const call of calls.data) await ctx.records.delete('call', call.id);
 *   },
 * };
 * ```
 */
export interface PluginPrivacy {
  /** The plugin's data about the person, JSON-serialisable. */
  export?(subject: RecordRef, ctx: PrivacyContext): Promise<JsonObject>;
  /** Removes or anonymises the plugin's data about the person; throwing aborts the whole erasure. */
  erase?(subject: RecordRef, ctx: PrivacyContext): Promise<void>;
}

/**
 * What {@link PluginPrivacy} hooks receive: the plugin context plus records bound to the
 * request's transaction.
 *
 * @example
 * ```ts
 * const count = (ctx: PrivacyContext) => ctx.records.count('call');
 * ```
 */
export interface PrivacyContext extends PluginContext {
  /** Records, inside the export's or erasure's transaction. */
  readonly records: RecordsApi;
}
