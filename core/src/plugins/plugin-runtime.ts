import type { DomainEvent, EventSubscriber, PluginContext, PluginDefinition } from '@trellis/sdk';
import { pluginActor } from '../auth/actor.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import type { RecordHooksRegistry } from '../records/record-hooks.js';
import { errorMessage } from './plugin-errors.js';
import { buildPluginRouter, type MountedRouter } from './plugin-router.js';
import { pluginLogger, pluginServices, qualifiedJobName, type PluginServiceDeps } from './plugin-services.js';

/** What enabling a plugin plugs it into. */
export interface RuntimeDeps {
  services: PluginServiceDeps;
  hooks: RecordHooksRegistry;
  events: DomainEvents;
  jobs: JobQueue;
  logger: Logger;
  /** A hook threw something other than a TrellisError: the host marks the plugin failed. */
  onHookFailure(plugin: string, error: unknown): void;
}

/** An enabled plugin as this process runs it. */
export interface MountedPlugin {
  definition: PluginDefinition;
  router: MountedRouter;
  /** What the plugin's setup and teardown receive. */
  context: PluginContext;
  /** Undo everything mount did, in reverse order. */
  unmount(): void;
}

/**
 * Plugs an enabled plugin in: a fresh router, its record hooks, event subscribers, jobs and
 * schedules, then its setup. If any of it throws, what was already plugged in is undone and
 * the error is thrown on.
 */
export async function mountPlugin(definition: PluginDefinition, deps: RuntimeDeps): Promise<MountedPlugin> {
  const plugin = definition.name;
  const services = (actor = pluginActor(plugin)) => pluginServices(deps.services, plugin, actor);
  const context: PluginContext = { plugin, services: services() };
  const stops: Array<() => void> = [];
  const unmount = () => {
    for (const stop of stops.splice(0).reverse()) stop();
  };
  try {
    const router = buildPluginRouter(definition, context, services, deps.services.access);
    if (definition.hooks?.length) {
      stops.push(
        deps.hooks.add(plugin, [...definition.hooks], {
          services: (scope) => pluginServices(deps.services, plugin, scope.actor, scope.transaction),
          onFailure: (error) => deps.onHookFailure(plugin, error),
        }),
      );
    }
    for (const subscriber of definition.subscribers ?? []) stops.push(subscribe(deps, context, subscriber));
    for (const job of definition.jobs ?? []) {
      const name = qualifiedJobName(plugin, job.name);
      stops.push(
        deps.jobs.register({
          name,
          handler: async (run) => {
            const jobServices = services(pluginActor(plugin, 'job'));
            await job.run(run.payload, { plugin, services: jobServices, jobId: run.id, attempt: run.attempt });
          },
          ...(job.retries === undefined ? {} : { retries: job.retries }),
          ...(job.backoffSeconds === undefined ? {} : { backoffSeconds: job.backoffSeconds }),
          ...(job.timeoutSeconds === undefined ? {} : { timeoutSeconds: job.timeoutSeconds }),
        }),
      );
      if (job.schedule) stops.push(deps.jobs.schedule(name, job.schedule));
    }
    await definition.setup?.(context);
    return { definition, router, context, unmount };
  } catch (error) {
    unmount();
    throw error;
  }
}

/** Calls the plugin's teardown (a failure is logged: the plugin is going away regardless), then unplugs it. */
export async function unmountPlugin(mounted: MountedPlugin, logger: Logger): Promise<void> {
  try {
    await mounted.definition.teardown?.(mounted.context);
  } catch (error) {
    pluginLogger(logger, mounted.definition.name).error('teardown failed', { error: errorMessage(error) });
  }
  mounted.unmount();
}

/** Listens for a subscriber's events; its failures are logged with the plugin's name and never fail the plugin. */
function subscribe(deps: RuntimeDeps, context: PluginContext, subscriber: EventSubscriber): () => void {
  const log = pluginLogger(deps.logger, context.plugin);
  return deps.events.on(subscriber.event, async (event: DomainEvent) => {
    if (subscriber.entity !== undefined && event.type.startsWith('record.') && 'entity' in event && event.entity !== subscriber.entity)
      return;
    try {
      await subscriber.handle(event, context);
    } catch (error) {
      log.error('event subscriber failed', { event: event.type, error });
    }
  });
}
