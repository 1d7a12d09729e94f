import type { RecordHookContext, RecordHooks, RecordsApi, Services, TrellisRecord } from '@trellis/sdk';
import type { Actor } from '../auth/actor.js';
import { TrellisError } from '../errors.js';
import { actorRef } from '../events/actor-ref.js';
import type { RecordsTransaction } from './records-transaction.js';

/** One of the six moments a record hook can run at. */
export type RecordHookPhase = Exclude<keyof RecordHooks, 'entity'>;

/** The write a plugin's hook runs within: who writes, and records and the transaction to join. */
export interface RecordHookScope {
  /** Who is writing. */
  actor: Actor;
  /** Records bound to the write's transaction and actor. */
  records: RecordsApi;
  /** The write's transaction: services a hook uses must join it (see {@link RecordsTransaction}). */
  transaction: RecordsTransaction;
}

/** How the plugin host ties a plugin's hooks to the rest of it. */
export interface RecordHookOptions {
  /** The plugin's services for one write; `records` in them should be `scope.records`. */
  services(scope: RecordHookScope): Services;
  /** Called when a hook throws anything but a TrellisError: the write is refused with a 500. */
  onFailure(error: unknown): void;
}

/** One plugin's hooks, as registered. */
interface Registration {
  plugin: string;
  hooks: readonly RecordHooks[];
  options: RecordHookOptions;
}

/** A hook's own extra context: the record as it was (update, delete) and what changed (after update). */
export interface HookExtras {
  before?: TrellisRecord;
  changed?: string[];
}

/** One RecordHooks object and the registration it came with. */
interface WatchingHooks {
  registration: Registration;
  hooks: RecordHooks;
}

type HookFunction = (subject: unknown, ctx: RecordHookContext & HookExtras) => void | Promise<void>;

/**
 * A hook threw something that is not a TrellisError: a bug in the plugin, not bad input. The
 * client learns which plugin refused the change, never its stack.
 */
export class PluginHookError extends TrellisError {
  constructor(plugin: string, phase: RecordHookPhase, entity: string) {
    super(
      500,
      'TRELLIS_PLUGIN_HOOK_FAILED',
      'Plugin hook failed',
      `The ${phase} hook of plugin "${plugin}" failed on ${entity}; nothing was saved`,
    );
  }
}

/**
 * The record hooks of enabled plugins. The plugin host adds a plugin's hooks when it enables
 * it (in dependency order, which is the order hooks run in) and removes them when it disables it.
 */
export class RecordHooksRegistry {
  private readonly registrations = new Set<Registration>();

  /**
   * Adds a plugin's hooks; returns the function that removes them.
   *
   * @example
   * ```ts
   * const remove = registry.add('hello', [{ entity: 'hello_greeting', beforeCreate: trim }], {
   *   services: ({ records }) => servicesFor('hello', records),
   *   onFailure: (error) => host.markFailed('hello', error),
   * });
   * ```
   */
  add(plugin: string, hooks: RecordHooks[], options: RecordHookOptions): () => void {
    const registration: Registration = { plugin, hooks: [...hooks], options };
    this.registrations.add(registration);
    return () => void this.registrations.delete(registration);
  }

  /** Whether a hook of the entity (its own or `'*'`) runs at one of these phases. */
  watches(entity: string, phases: readonly RecordHookPhase[]): boolean {
    return this.registrations.size > 0 && this.watching(entity).some(({ hooks }) => phases.some((phase) => hooks[phase] !== undefined));
  }

  /**
   * The hooks that watch an entity, bound to one write (`scope` is built only if some do);
   * undefined when there are none, so writes nobody watches do no hook work at all.
   */
  forWrite(entity: string, scope: () => RecordHookScope): EntityHooks | undefined {
    if (this.registrations.size === 0) return undefined;
    const watching = this.watching(entity);
    return watching.length ? new EntityHooks(entity, watching, scope()) : undefined;
  }

  private watching(entity: string): WatchingHooks[] {
    const watching: WatchingHooks[] = [];
    for (const registration of this.registrations) {
      for (const hooks of registration.hooks) {
        if (hooks.entity === entity || hooks.entity === '*') watching.push({ registration, hooks });
      }
    }
    return watching;
  }
}

/** The hooks watching one entity, for one write: runs them in order with their context. */
export class EntityHooks {
  private readonly contexts = new Map<Registration, RecordHookContext>();

  constructor(
    private readonly entity: string,
    private readonly watching: readonly WatchingHooks[],
    private readonly scope: RecordHookScope,
  ) {}

  /** Whether any hook runs at this phase. */
  has(phase: RecordHookPhase): boolean {
    return this.watching.some(({ hooks }) => hooks[phase] !== undefined);
  }

  /**
   * Runs every hook of the phase on the subject (the input of a before hook, which it may
   * change, or the record). A TrellisError passes through as it is; anything else is reported
   * to the plugin host and becomes a {@link PluginHookError}.
   */
  async run(phase: RecordHookPhase, subject: Record<string, unknown>, extras: HookExtras = {}): Promise<void> {
    for (const { registration, hooks } of this.watching) {
      // Called as a method of its object, so a hooks object may use `this`.
      const phases = hooks as Partial<Record<RecordHookPhase, HookFunction>>;
      if (!phases[phase]) continue;
      try {
        await phases[phase](subject, { ...this.context(registration), ...extras });
      } catch (error) {
        if (error instanceof TrellisError) throw error;
        registration.options.onFailure(error);
        throw new PluginHookError(registration.plugin, phase, this.entity);
      }
    }
  }

  /** A plugin's context for this write, built when its first hook runs. */
  private context(registration: Registration): RecordHookContext {
    let context = this.contexts.get(registration);
    if (!context) {
      const { actor, records } = this.scope;
      context = {
        plugin: registration.plugin,
        entity: this.entity,
        actor: actorRef(actor),
        records,
        services: registration.options.services(this.scope),
      };
      this.contexts.set(registration, context);
    }
    return context;
  }
}
