import { describe, expect, it } from 'vitest';
import { defineEntity, defineFieldType, definePlugin, ValidationError } from '@trellis/sdk';

describe('definePlugin', () => {
  it('accepts a well-formed plugin and freezes it', () => {
    const plugin = definePlugin({ name: 'custom-relations', version: '1.2.3-beta.1', migrations: [{ version: '1.0.0', up() {} }] });
    expect(Object.isFrozen(plugin)).toBe(true);
  });

  it('accepts a demo hook and refuses a demo that is not a function', () => {
    const demo = async () => {};
    expect(definePlugin({ name: 'hello', version: '1.0.0', demo }).demo).toBe(demo);
    const notCallable = { name: 'hello', version: '1.0.0', demo: 'seed' } as unknown as Parameters<typeof definePlugin>[0];
    expect(() => definePlugin(notCallable)).toThrow('definePlugin("hello"): demo must be a function');
  });

  it('accepts UI contributions whose elements are named after the plugin', () => {
    const ui = {
      navigation: [{ label: 'Greetings', path: '/greetings' }],
      pages: [{ path: '/greetings', title: 'Greetings', element: 'hello-greeting-card' }],
      recordPanels: [{ label: 'Greeting', element: 'hello-record-panel' }],
      recordActions: [{ entity: 'contact', label: 'Say hello', element: 'hello-greet-action' }],
      dashboardWidgets: [{ label: 'A greeting', element: 'hello-greeting-card', size: 'small' as const }],
    };
    expect(definePlugin({ name: 'hello', version: '1.0.0', ui }).ui).toBe(ui);
  });

  it.each([
    [{ name: 'Hello', version: '1.0.0' }, /lower kebab case/],
    [{ name: 'hello_world', version: '1.0.0' }, /lower kebab case/],
    [{ name: 'hello', version: '1.0' }, /not semver/],
    [{ name: 'hello', version: '1.0.0', migrations: [{ version: 'next', up() {} }] }, /migration version "next"/],
    [
      {
        name: 'hello',
        version: '1.0.0',
        jobs: [
          { name: 'a', run() {} },
          { name: 'a', run() {} },
        ],
      },
      /job "a" is declared twice/,
    ],
    [
      { name: 'hello', version: '1.0.0', fieldTypes: [defineFieldType({ name: 'other.rating', label: 'R', base: 'integer' })] },
      /must be named "hello.<type>"/,
    ],
    [
      { name: 'hello', version: '1.0.0', ui: { recordPanels: [{ label: 'Greetings', element: 'greeting-panel' }] } },
      /ui element "greeting-panel" must be named "hello-<thing>"/,
    ],
    [
      { name: 'hello', version: '1.0.0', ui: { recordActions: [{ label: 'Greet', element: 'hello-Greet' }] } },
      /ui element "hello-Greet" must be named/,
    ],
    [
      { name: 'hello', version: '1.0.0', ui: { pages: [{ path: 'greetings', title: 'Greetings', element: 'hello-page' }] } },
      /ui page "greetings": the path must start with "\/"/,
    ],
  ])('refuses %j', (definition, message) => {
    expect(() => definePlugin(definition)).toThrow(message);
  });
});

describe('defineFieldType', () => {
  it('needs a <plugin>.<type> name and a known base', () => {
    expect(() => defineFieldType({ name: 'shop.sku', label: 'SKU', base: 'text' })).not.toThrow();
    expect(() => defineFieldType({ name: 'sku' as 'a.b', label: 'SKU', base: 'text' })).toThrow(/<plugin>.<type>/);
    expect(() => defineFieldType({ name: 'shop.sku', label: 'SKU', base: 'phone' as 'text' })).toThrow(/base "phone"/);
  });
});

describe('ValidationError', () => {
  it('is a 400 naming every path', () => {
    const error = new ValidationError([
      { path: 'message', message: 'must not be blank' },
      { path: 'language', message: 'is not a choice' },
    ]);
    expect(error.status).toBe(400);
    expect(error.message).toBe('2 problems in the request');
    expect(ValidationError.at('message', 'must not be blank').message).toBe('message: must not be blank');
  });
});

describe('defineEntity indexes', () => {
  const fields = [
    { name: 'status', type: 'text' },
    { name: 'tags', type: 'multi_select', options: { choices: ['a'] } },
  ] as const;

  it('accepts composite indexes over declared and system fields', () => {
    const entity = defineEntity({ name: 'ticket', label: 'Ticket', fields: [...fields], indexes: [{ fields: ['status', 'owner_id'] }] });
    expect(entity.indexes).toEqual([{ fields: ['status', 'owner_id'] }]);
  });

  it.each([
    [[{ fields: [] }], /must name 1 to 8 fields/],
    [[{ fields: ['status', 'nope'] }], /fields\[1\] "nope" is not a field/],
    [[{ fields: ['tags'] }], /fields\[0\] "tags" is a multi_select field/],
    [[{ fields: ['status', 'status'] }], /names a field twice/],
    [[{ fields: ['status'] }, { fields: ['status'], unique: true }], /indexes\[1\].*repeats another index/],
  ])('refuses bad indexes %j', (indexes, message) => {
    expect(() => defineEntity({ name: 'ticket', label: 'Ticket', fields: [...fields], indexes })).toThrow(message);
  });
});
