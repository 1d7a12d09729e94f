import { validateEntityName } from '../../entities/identifiers.js';
import { TrellisError } from '../../errors.js';
import { CliError } from '../cli-error.js';

/** The same rule definePlugin applies: a plugin name is lower kebab case. */
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Every spelling of a new plugin's name that its template uses. */
export interface PluginNames {
  /** `customer-feedback`: the plugin, its routes and its element prefix. */
  name: string;
  /** `customer_feedback`: the prefix of its entities. */
  snake: string;
  /** `CustomerFeedback`: the prefix of its element classes. */
  pascal: string;
  /** `Customer feedback`: what people read. */
  title: string;
  /** `customer_feedback_note`: the entity the scaffold starts with. */
  entity: string;
}

/**
 * Checks a plugin name and derives the other spellings. The scaffold's entity must be a valid
 * entity name too (length, reserved prefixes), so core's own rule decides.
 */
export function pluginNames(name: string): PluginNames {
  if (!KEBAB.test(name)) {
    throw new CliError(`"${name}" is not a valid plugin name: use lower kebab case, e.g. "customer-feedback"`, 2);
  }
  const snake = name.replaceAll('-', '_');
  const entity = `${snake}_note`;
  try {
    validateEntityName(entity);
  } catch (error) {
    if (!(error instanceof TrellisError)) throw error;
    throw new CliError(`"${name}" cannot be used: its entity "${entity}" is refused (${error.errors?.[0]?.message ?? error.message})`, 2);
  }
  const words = name.split('-');
  return {
    name,
    snake,
    pascal: words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(''),
    title: `${name.charAt(0).toUpperCase()}${words.join(' ').slice(1)}`,
    entity,
  };
}
