import { describe, expect, it } from 'vitest';
import { defineFieldType, definePlugin, ValidationError } from '@trellis/sdk';

describe('definePlugin', () => {
  it('accepts a well-formed plugin and freezes it', () => {
    const plugin = definePlugin({ name: 'custom-relations', version: '1.2.3-beta.1', migrations: [{ version: '1.0.0', up() {} }] });
    expect(Object.isFrozen(plugin)).toBe(true);
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
