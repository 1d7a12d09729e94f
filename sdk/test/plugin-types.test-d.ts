/**
 * Type tests of the plugin contract: a change that would break a plugin author's code fails
 * here (vitest's typecheck mode runs tsc over this file).
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  defineFieldType,
  definePlugin,
  Tokens,
  ValidationError,
  type TrellisError,
  type DomainEvent,
  type EventsApi,
  type PluginEvent,
  type FieldDefinition,
  type JobContext,
  type PluginDefinition,
  type RecordHookContext,
  type RecordsApi,
  type RouteContext,
  type ServiceToken,
  type Services,
  type TimelineApi,
  type UiContributions,
  type UiSlot,
} from '@trellis/sdk';
import { createTestApp, type TestApp } from '@trellis/sdk/testing';

describe('definePlugin', () => {
  it('needs only a name and a version', () => {
    expectTypeOf<{ name: string; version: string }>().toExtend<PluginDefinition>();
    expectTypeOf<{ name: string }>().not.toExtend<PluginDefinition>();
  });

  it('takes an async demo hook receiving the plugin context', () => {
    definePlugin({
      name: 'hello',
      version: '1.0.0',
      async demo(ctx) {
        expectTypeOf(ctx.plugin).toEqualTypeOf<string>();
        await ctx.services.get(Tokens.Records).create('hello_greeting', { message: 'Welcome' });
      },
    });
    type DemoContext = Parameters<NonNullable<PluginDefinition['demo']>>[0];
    expectTypeOf<DemoContext>().toEqualTypeOf<Parameters<NonNullable<PluginDefinition['setup']>>[0]>();
    expectTypeOf<ReturnType<NonNullable<PluginDefinition['demo']>>>().toEqualTypeOf<Promise<void>>();
    // A demo must be asynchronous: core awaits it before writing that it ran.
    expectTypeOf<{ name: string; version: string; demo: () => void }>().not.toExtend<PluginDefinition>();
  });

  it('types routes, hooks, jobs and subscribers from the declaration alone', () => {
    const plugin = definePlugin({
      name: 'hello',
      version: '1.0.0',
      routes(router) {
        router.get('/hello', (ctx) => {
          expectTypeOf(ctx).toEqualTypeOf<RouteContext>();
          expectTypeOf(ctx.services.get(Tokens.Records)).toEqualTypeOf<RecordsApi>();
          ctx.body = { data: 'hello' };
        });
      },
      hooks: [
        {
          entity: 'hello_greeting',
          beforeCreate(data, ctx) {
            expectTypeOf(data).toEqualTypeOf<Record<string, unknown>>();
            expectTypeOf(ctx).toExtend<RecordHookContext>();
            if (data.message === '') throw ValidationError.at('message', 'must not be blank');
          },
          afterUpdate(_record, ctx) {
            expectTypeOf(ctx.changed).toEqualTypeOf<string[]>();
          },
        },
      ],
      jobs: [
        {
          name: 'count',
          run(payload, ctx) {
            expectTypeOf(ctx).toEqualTypeOf<JobContext>();
            expectTypeOf(payload).toExtend<Record<string, unknown>>();
          },
        },
      ],
      subscribers: [
        {
          event: 'record.created',
          handle(event) {
            expectTypeOf(event).toEqualTypeOf<DomainEvent>();
          },
        },
      ],
    });
    expectTypeOf(plugin).toExtend<PluginDefinition>();
    expectTypeOf(definePlugin({ name: 'bare', version: '0.1.0' }).name).toEqualTypeOf<'bare'>();
  });
});

describe('events', () => {
  it('hands a listener of one type that exact event', () => {
    const events = {} as EventsApi;
    events.on('record.updated', (event) => {
      expectTypeOf(event.changed).toEqualTypeOf<string[]>();
    });
    events.on('sales.deal_won', (event) => {
      expectTypeOf(event).toEqualTypeOf<PluginEvent>();
    });
  });
});

describe('service tokens', () => {
  it('carry the type of the service they resolve', () => {
    expectTypeOf(Tokens.Timeline).toEqualTypeOf<ServiceToken<TimelineApi>>();
    expectTypeOf<Services['get']>().returns.toBeUnknown();
  });
});

describe('errors', () => {
  it('are classes plugins throw and core maps', () => {
    expectTypeOf(ValidationError.at('x', 'y')).toExtend<TrellisError>();
    expectTypeOf<TrellisError['status']>().toEqualTypeOf<number>();
  });
});

describe('custom field types', () => {
  it('are named <plugin>.<type> and usable in field definitions', () => {
    const rating = defineFieldType({ name: 'shop.rating', label: 'Rating', base: 'integer' });
    expectTypeOf(rating.name).toEqualTypeOf<'shop.rating'>();
    expectTypeOf<{ name: string; type: 'shop.rating' }>().toExtend<FieldDefinition>();
    expectTypeOf<{ name: string; type: 'rating' }>().not.toExtend<FieldDefinition>();
  });
});

describe('UI slots and the test kit', () => {
  it('keeps the slot names a closed list', () => {
    expectTypeOf<'record.panel'>().toExtend<UiSlot>();
    expectTypeOf<'sidebar'>().not.toExtend<UiSlot>();
    expectTypeOf<'record.action'>().toExtend<UiSlot>();
  });

  it('takes record panels and actions for one entity or for every entity', () => {
    expectTypeOf<{ label: string; element: string }>().toExtend<NonNullable<UiContributions['recordActions']>[number]>();
    expectTypeOf<{ entity: string; label: string; element: string }>().toExtend<NonNullable<UiContributions['recordPanels']>[number]>();
    expectTypeOf<{ label: string; element: string }>().toExtend<NonNullable<UiContributions['recordPanels']>[number]>();
    expectTypeOf<{ entity: string; element: string }>().not.toExtend<NonNullable<UiContributions['recordActions']>[number]>();
    expectTypeOf<{ label: string; element: string; size: 'huge' }>().not.toExtend<
      NonNullable<UiContributions['dashboardWidgets']>[number]
    >();
  });

  it('boots a test app', () => {
    expectTypeOf(createTestApp).returns.resolves.toEqualTypeOf<TestApp>();
  });
});
