import type { EntityView, FieldMetadata } from '../../api/types.js';
import { titleField } from '../../fields/field-display.js';

/** The list's state that lives in the URL, so a reload, the back button or a shared link keep it. */
export interface ListQuery {
  /** The API's `sort`: a field name, `-` before it for descending; empty for the default order. */
  sort: string;
  /** The filter as the user wrote it (JSON text), sent as is; the API says when it is wrong. */
  filter: string;
  q: string;
}

export function readQuery(query: URLSearchParams): ListQuery {
  return { sort: query.get('sort') ?? '', filter: query.get('filter') ?? '', q: query.get('q') ?? '' };
}

/** The URL query of a list state: empty parts are left out, so the default list has a clean URL. */
export function writeQuery(state: ListQuery): URLSearchParams {
  const query = new URLSearchParams();
  if (state.filter) query.set('filter', state.filter);
  if (state.q) query.set('q', state.q);
  if (state.sort) query.set('sort', state.sort);
  return query;
}

/** The next sort when a column header is clicked: ascending, then descending, then the default order. */
export function nextSort(current: string, field: string): string {
  if (current === field) return `-${field}`;
  if (current === `-${field}`) return '';
  return field;
}

/** Fields that cannot be sorted by the API. */
export function sortable(field: FieldMetadata): boolean {
  return field.type !== 'json' && field.type !== 'multi_select';
}

/** Types that make poor default columns (long and nested values). */
const WIDE = new Set(['long_text', 'json']);

/** Title field, then the first five other own fields, then the last change. */
export function defaultColumns(entity: EntityView): string[] {
  const title = titleField(entity);
  const own = entity.fields.filter((field) => !field.system && field !== title && !WIDE.has(field.type)).slice(0, 5);
  const columns = [...(title ? [title.name] : []), ...own.map((field) => field.name)];
  if (entity.fields.some((field) => field.name === 'updated_at')) columns.push('updated_at');
  return columns;
}

function storageKey(userId: string, entity: string): string {
  return `trellis:list:${userId}:${entity}`;
}

/**
 * The columns this user chose for this entity, in their order. Fields that no longer exist
 * (dropped, or hidden from the user by a role) are left out; a stored choice with none left
 * falls back to the default.
 */
export function loadColumns(userId: string, entity: EntityView): string[] {
  let stored: unknown;
  try {
    stored = JSON.parse(localStorage.getItem(storageKey(userId, entity.name)) ?? 'null');
  } catch {
    stored = null;
  }
  const names = new Set(entity.fields.map((field) => field.name));
  const columns = Array.isArray(stored) ? stored.filter((name): name is string => typeof name === 'string' && names.has(name)) : [];
  return columns.length ? columns : defaultColumns(entity);
}

export function saveColumns(userId: string, entity: string, columns: string[]): void {
  try {
    localStorage.setItem(storageKey(userId, entity), JSON.stringify(columns));
  } catch {
    // Private windows may refuse storage: the choice then lasts until the page is left.
  }
}

/** Forgets the user's choice (back to the default columns). */
export function resetColumns(userId: string, entity: string): void {
  try {
    localStorage.removeItem(storageKey(userId, entity));
  } catch {
    // As above.
  }
}
