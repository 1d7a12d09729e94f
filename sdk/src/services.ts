import type { EntityMetadata } from './entities.js';
import type { DomainEventOf, DomainEventType } from './events.js';
import type { JsonObject } from './json.js';
import type { EnqueueOptions } from './jobs.js';
import type { ListQuery, RecordPage, TrellisRecord } from './records.js';
import type { RecordRef, Relation, RelationTypeMetadata } from './relations.js';
import type { Filter } from './filters.js';
import type { TimelineEntry, TimelineEntryInput } from './timeline.js';
import type { MailMessage } from './mailer.js';
import type { PrivacyApi } from './privacy.js';
import type { AggregateQuery, AggregateResult } from './aggregates.js';
import type { UsersApi } from './users.js';

/**
 * Options of {@link RecordsApi.update}.
 *
 * @example
 * ```ts
 * const options: UpdateOptions = { expectedUpdatedAt: deal.updated_at as string };
 * ```
 */
export interface UpdateOptions {
  /**
   * Optimistic concurrency: the `updated_at` the caller read. When the record has changed since
   * (checked on the locked row inside the write's transaction), the update is refused with a
   * {@link ConflictError} of code `TRELLIS_STALE_RECORD` and nothing is written.
   */
  expectedUpdatedAt?: string;
}

/**
 * Records of any entity, read and written through core (validation, hooks, events included).
 * Bound to whoever is acting: the signed-in user in a route, the plugin in jobs and
 * subscribers, and the surrounding transaction in a record hook.
 *
 * @example
 * ```ts
 * const records = services.get(Tokens.Records);
 * const open = await records.list('ticket', { filter: { status: { eq: 'open' } }, limit: 10 });
 * ```
 */
export interface RecordsApi {
  /** One page of records in keyset order. */
  list(entity: string, query?: ListQuery): Promise<RecordPage>;
  /** How many records match (a COUNT: ask only when needed). */
  count(entity: string, filter?: Filter): Promise<number>;
  /** One record; throws {@link NotFoundError} when there is none. */
  get(entity: string, id: string, options?: Pick<ListQuery, 'fields' | 'expand'>): Promise<TrellisRecord>;
  /** Creates a record; throws {@link ValidationError} naming the fields on bad input. */
  create(entity: string, data: Record<string, unknown>): Promise<TrellisRecord>;
  /** Changes the given fields of a record; with `expectedUpdatedAt`, only if nobody changed it since. */
  update(entity: string, id: string, changes: Record<string, unknown>, options?: UpdateOptions): Promise<TrellisRecord>;
  /** Deletes a record and its relations. */
  delete(entity: string, id: string): Promise<void>;
  /**
   * Counts, sums, averages, minimums and maximums per group, computed by the database in one
   * `GROUP BY` over the records the caller may read. Unknown fields, functions that do not fit
   * a field's type, and bad filters throw {@link ValidationError} naming the path.
   *
   * @example
   * ```ts
   * const { data } = await records.aggregate('sales_deal', {
   *   groupBy: [{ field: 'expected_close', by: 'month' }],
   *   metrics: { weighted: { fn: 'sum', field: 'amount', times: 'probability' } },
   * });
   * ```
   */
  aggregate(entity: string, query: AggregateQuery): Promise<AggregateResult>;
  /**
   * Runs `work` in one database transaction: every read and write made through the records it
   * receives (hooks included) commits together, or rolls back together when `work` throws.
   * Domain events are announced after the commit. Called on records that are already inside a
   * transaction (a record hook's `ctx.records`, a migration's), it joins that transaction.
   * Relations, the timeline and other services are not part of it unless they already are.
   *
   * @example
   * ```ts
   * const deal = await records.transaction(async (tx) => {
   *   const company = await tx.create('company', { name: 'Acme' });
   *   return tx.create('sales_deal', { title: 'Acme — 40 seats', company: company.id });
   * });
   * ```
   */
  transaction<T>(work: (records: RecordsApi) => Promise<T>): Promise<T>;
}

/**
 * Read access to the current metadata (entities and relation types), always up to date.
 *
 * @example
 * ```ts
 * const contact = services.get(Tokens.Metadata).entity('contact');
 * const hasPhone = contact?.fields.some((field) => field.type === 'phone');
 * ```
 */
export interface MetadataApi {
  /** Every entity. */
  entities(): EntityMetadata[];
  /** One entity, or undefined. */
  entity(name: string): EntityMetadata | undefined;
  /** Every relation type (both directions are listed). */
  relationTypes(): RelationTypeMetadata[];
}

/**
 * Relations between records (CremeCRM-style typed links).
 *
 * @example
 * ```ts
 * await services.get(Tokens.Relations).add({ entity: 'company', id: acmeId }, 'employs', { entity: 'contact', id: adaId }, { role: 'CTO' });
 * ```
 */
export interface RelationsApi {
  /** Adds "subject type object" (and its symmetric); returns it seen from the subject. */
  add(subject: RecordRef, type: string, object: RecordRef, attributes?: Record<string, unknown>): Promise<Relation>;
  /** Removes a relation (and its symmetric) by the id of either direction. */
  remove(subject: RecordRef, relationId: string): Promise<void>;
  /** The relations of a record, optionally of one type, newest last. */
  list(
    subject: RecordRef,
    options?: { type?: string; limit?: number; cursor?: string },
  ): Promise<{ data: Relation[]; page: { next: string | null } }>;
}

/**
 * The job queue: persisted, retried with back-off, never lost on a crash.
 *
 * @example
 * ```ts
 * await services.get(Tokens.Jobs).enqueue('send_digest', { userId }, { delaySeconds: 60 });
 * ```
 */
export interface JobsApi {
  /**
   * Queues a job by name and returns its id. A bare name is one of the calling plugin's jobs;
   * `<plugin>.<job>` names another plugin's job.
   */
  enqueue(name: string, payload?: JsonObject, options?: EnqueueOptions): Promise<string>;
}

/**
 * Domain events: subscribe to core and plugin events, announce your own.
 *
 * @example
 * ```ts
 * const events = services.get(Tokens.Events);
 * events.emit('deal_won', { dealId });            // announced as "<plugin>.deal_won"
 * const stop = events.on('record.created', (event) => console.log(event.type));
 * ```
 */
export interface EventsApi {
  /** Announces `<plugin>.<name>` to subscribers and webhooks; call it after your change committed. */
  emit(name: string, payload?: JsonObject): void;
  /** Listens to one event type; returns the function that stops listening. Prefer `subscribers` in definePlugin. */
  on<T extends DomainEventType>(type: T, listener: (event: DomainEventOf<T>) => void | Promise<void>): () => void;
}

/**
 * Sends e-mail through the SMTP server configured once in core (`TRELLIS_SMTP_URL`).
 *
 * @example
 * ```ts
 * await services.get(Tokens.Mailer).send({ to: 'ada@example.com', subject: 'Welcome', text: 'Hello Ada' });
 * ```
 */
export interface MailerApi {
  /** Sends one message; resolves to the SMTP message id. Throws when no SMTP server is configured. */
  send(message: MailMessage): Promise<{ messageId: string }>;
}

/**
 * Structured logging; lines carry the plugin's name.
 *
 * @example
 * ```ts
 * services.get(Tokens.Logger).info('digest sent', { recipients: 12 });
 * ```
 */
export interface LoggerApi {
  /** Something worth knowing. */
  info(message: string, fields?: Record<string, unknown>): void;
  /** Something unexpected that was handled. */
  warn(message: string, fields?: Record<string, unknown>): void;
  /** Something failed. */
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * The calling plugin's settings, validated against its `settings.schema`.
 *
 * @example
 * ```ts
 * const { greeting } = await services.get(Tokens.Settings).get<{ greeting: string }>();
 * ```
 */
export interface SettingsApi {
  /** The current settings: stored values over the schema's defaults. */
  get<T extends JsonObject = JsonObject>(): Promise<T>;
  /** Replaces the settings; throws {@link ValidationError} naming the fields that break the schema. */
  set(values: JsonObject): Promise<void>;
}

/**
 * Any record's timeline: calls, e-mails, stage changes, notes, posted by any plugin.
 *
 * @example
 * ```ts
 * await services.get(Tokens.Timeline).post({ record: { entity: 'contact', id }, kind: 'call', title: 'Outbound call, 4 min' });
 * ```
 */
export interface TimelineApi {
  /** Adds an entry to a record's timeline; throws {@link NotFoundError} when the record does not exist. */
  post(entry: TimelineEntryInput): Promise<TimelineEntry>;
  /** A record's entries, newest first. */
  list(record: RecordRef, options?: { limit?: number; cursor?: string }): Promise<{ data: TimelineEntry[]; page: { next: string | null } }>;
}

declare const serviceType: unique symbol;

/**
 * A typed key to one of core's services; pass it to {@link Services.get}.
 *
 * @example
 * ```ts
 * const token: ServiceToken<RecordsApi> = Tokens.Records;
 * ```
 */
export type ServiceToken<T> = symbol & { readonly [serviceType]?: T };

const token = <T>(name: string): ServiceToken<T> => Symbol.for(`trellis.sdk.${name}`);

/**
 * The services core offers to plugins.
 *
 * @example
 * ```ts
 * const records = services.get(Tokens.Records);
 * const mailer = services.get(Tokens.Mailer);
 * ```
 */
export const Tokens = {
  /** {@link RecordsApi} */
  Records: token<RecordsApi>('records'),
  /** {@link MetadataApi} */
  Metadata: token<MetadataApi>('metadata'),
  /** {@link RelationsApi} */
  Relations: token<RelationsApi>('relations'),
  /** {@link JobsApi} */
  Jobs: token<JobsApi>('jobs'),
  /** {@link EventsApi} */
  Events: token<EventsApi>('events'),
  /** {@link MailerApi} */
  Mailer: token<MailerApi>('mailer'),
  /** {@link LoggerApi} */
  Logger: token<LoggerApi>('logger'),
  /** {@link SettingsApi} */
  Settings: token<SettingsApi>('settings'),
  /** {@link TimelineApi} */
  Timeline: token<TimelineApi>('timeline'),
  /** {@link PrivacyApi} */
  Privacy: token<PrivacyApi>('privacy'),
  /** {@link UsersApi} */
  Users: token<UsersApi>('users'),
} as const;

/**
 * Resolves service tokens; what a plugin receives in routes, hooks, jobs and subscribers.
 *
 * @example
 * ```ts
 * async function openTickets(services: Services): Promise<number> {
 *   return services.get(Tokens.Records).count('ticket', { status: { eq: 'open' } });
 * }
 * ```
 */
export interface Services {
  /** The service behind a token; throws when core does not offer it. */
  get<T>(token: ServiceToken<T>): T;
}
