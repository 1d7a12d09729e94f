import type { RecordHookContext } from './context.js';
import type { TrellisRecord } from './records.js';

/**
 * Record hooks of one entity (or `'*'` for every entity). They run inside the write's
 * transaction, in plugin dependency order; throwing (typically {@link ValidationError})
 * rejects the write and rolls everything back. `before*` hooks may change the values about to
 * be written: core validates them again afterwards.
 *
 * @example
 * ```ts
 * const greetingHooks: RecordHooks = {
 *   entity: 'hello_greeting',
 *   beforeCreate(data) {
 *     if (typeof data.message === 'string') data.message = data.message.trim();
 *     if (data.message === '') throw ValidationError.at('message', 'must not be blank');
 *   },
 * };
 * ```
 */
export interface RecordHooks {
  /** The entity the hooks watch, or `'*'` for every entity. */
  entity: string;
  /** Before insert, with the validated input; may change it. */
  beforeCreate?(data: Record<string, unknown>, ctx: RecordHookContext): void | Promise<void>;
  /** After insert, before commit. */
  afterCreate?(record: TrellisRecord, ctx: RecordHookContext): void | Promise<void>;
  /** Before update, with the validated changes and the record as it is; may change the changes. */
  beforeUpdate?(changes: Record<string, unknown>, ctx: RecordHookContext & { readonly before: TrellisRecord }): void | Promise<void>;
  /** After update, before commit. */
  afterUpdate?(
    record: TrellisRecord,
    ctx: RecordHookContext & { readonly before: TrellisRecord; readonly changed: string[] },
  ): void | Promise<void>;
  /** Before delete, with the record as it is. */
  beforeDelete?(record: TrellisRecord, ctx: RecordHookContext): void | Promise<void>;
  /** After delete (relations already gone), before commit. */
  afterDelete?(record: TrellisRecord, ctx: RecordHookContext): void | Promise<void>;
}
