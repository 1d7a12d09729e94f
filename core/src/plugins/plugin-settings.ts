import type { JsonObject, PluginDefinition } from '@trellis/sdk';
import type { Ajv, ValidateFunction } from 'ajv';
import { ajvProblems, createAjv } from '../entities/validators.js';
import { ValidationError } from '../errors.js';

const ANY_OBJECT = { type: 'object' };

/**
 * Checks plugins' settings against their JSON Schemas, filling the schemas' defaults. One
 * compiled validator per plugin definition (a reloaded module gets its own).
 */
export class PluginSettingsValidator {
  private readonly ajv: Ajv = createAjv({ useDefaults: true });
  private readonly compiled = new WeakMap<PluginDefinition, ValidateFunction>();

  /**
   * The settings to store: a copy of `values` with defaults filled in. Throws a ValidationError
   * naming each offending setting.
   */
  check(definition: PluginDefinition, values: unknown): JsonObject {
    const validate = this.validator(definition);
    const copy: unknown = structuredClone(values ?? {});
    if (!validate(copy)) throw new ValidationError(ajvProblems(validate.errors, '', 'is not a setting of this plugin'));
    return copy as JsonObject;
  }

  /**
   * The effective settings: stored values over the schema's defaults. Stored values that a
   * newer version's schema no longer accepts are returned as they are rather than thrown, so
   * the plugin keeps running; the next write must fix them.
   */
  effective(definition: PluginDefinition, stored: JsonObject): JsonObject {
    const validate = this.validator(definition);
    const copy = structuredClone(stored);
    validate(copy);
    return copy;
  }

  private validator(definition: PluginDefinition): ValidateFunction {
    let validate = this.compiled.get(definition);
    if (!validate) {
      validate = this.ajv.compile(definition.settings?.schema ?? ANY_OBJECT);
      this.compiled.set(definition, validate);
    }
    return validate;
  }
}
