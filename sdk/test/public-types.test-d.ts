/**
 * Type tests of the SDK's public contract: a change that would break a plugin author's code
 * fails here (vitest's typecheck mode runs tsc over this file).
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  defineEntity,
  type FIELD_TYPES,
  type FILTER_OPERATORS,
  type SYSTEM_FIELDS,
  type EntityDefinition,
  type EntityIndexDefinition,
  type EntityIndexMetadata,
  type EntityMetadata,
  type FieldDefinition,
  type FieldMetadata,
  type FieldType,
  type Filter,
  type FilterOperator,
  type ListQuery,
  type ProblemDetails,
  type RecordPage,
  type TrellisRecord,
} from '@trellis/sdk';

describe('field types', () => {
  it('is a closed union of the listed names', () => {
    expectTypeOf<FieldType>().toEqualTypeOf<(typeof FIELD_TYPES)[number]>();
    expectTypeOf<'currency'>().toExtend<FieldType>();
    expectTypeOf<'rich_text_v2'>().not.toExtend<FieldType>();
  });

  it('requires name and type on a field definition, nothing else', () => {
    expectTypeOf<{ name: string; type: 'text' }>().toExtend<FieldDefinition>();
    expectTypeOf<{ name: string }>().not.toExtend<FieldDefinition>();
    expectTypeOf<FieldMetadata['required']>().toEqualTypeOf<boolean>();
    expectTypeOf<FieldMetadata['system']>().toEqualTypeOf<boolean>();
  });
});

describe('defineEntity', () => {
  it('keeps the literal types of what it is given', () => {
    const entity = defineEntity({ name: 'ticket', label: 'Ticket', fields: [{ name: 'subject', type: 'text' }] });
    expectTypeOf(entity.name).toEqualTypeOf<'ticket'>();
    expectTypeOf(entity).toExtend<EntityDefinition>();
  });

  it('rejects an unknown field type at compile time', () => {
    // @ts-expect-error 'texte' is not a field type
    defineEntity({ name: 'ticket', label: 'Ticket', fields: [{ name: 'subject', type: 'texte' }] });
  });

  it('lists entity metadata fields as FieldMetadata', () => {
    expectTypeOf<EntityMetadata['fields']>().toEqualTypeOf<FieldMetadata[]>();
  });

  it('takes composite indexes as field lists and reports them named', () => {
    const entity = defineEntity({
      name: 'ticket',
      label: 'Ticket',
      fields: [{ name: 'status', type: 'text' }],
      indexes: [{ fields: ['status', 'owner_id'], unique: false }],
    });
    expectTypeOf(entity.indexes).toExtend<EntityIndexDefinition[] | undefined>();
    expectTypeOf<{ fields: string[] }>().toExtend<EntityIndexDefinition>();
    expectTypeOf<{ unique: true }>().not.toExtend<EntityIndexDefinition>();
    expectTypeOf<EntityMetadata['indexes']>().toEqualTypeOf<EntityIndexMetadata[]>();
    expectTypeOf<EntityIndexMetadata['plugin']>().toEqualTypeOf<string | null>();
  });
});

describe('filters and lists', () => {
  it('accepts the grammar shapes', () => {
    expectTypeOf<{ and: [{ status: { eq: 'active' } }, { score: { gt: 50 } }] }>().toExtend<Filter>();
    expectTypeOf<{ not: { status: 'lost' } }>().toExtend<Filter>();
    expectTypeOf<{ 'company.country': { in: ['FR', 'DE'] } }>().toExtend<Filter>();
    expectTypeOf<{ $relation: { type: 'employed_by'; where: { country: 'FR' }; count: { gte: 2 } } }>().toExtend<Filter>();
    const filter: Filter = { and: [{ $relation: { type: 'employed_by', exists: false } }, { status: 'active' }] };
    expectTypeOf(filter).toExtend<Filter>();
    expectTypeOf<FilterOperator>().toEqualTypeOf<(typeof FILTER_OPERATORS)[number]>();
  });

  it('types a page and a record', () => {
    expectTypeOf<RecordPage['page']['next']>().toEqualTypeOf<string | null>();
    expectTypeOf<TrellisRecord['id']>().toEqualTypeOf<string>();
    expectTypeOf<ListQuery['limit']>().toEqualTypeOf<number | undefined>();
  });

  it('names the system fields', () => {
    expectTypeOf<(typeof SYSTEM_FIELDS)[number]>().toEqualTypeOf<'id' | 'created_at' | 'updated_at' | 'created_by' | 'owner_id'>();
  });
});

describe('problems', () => {
  it('carries a code and optional field errors', () => {
    expectTypeOf<ProblemDetails['code']>().toEqualTypeOf<string>();
    expectTypeOf<ProblemDetails['errors']>().toEqualTypeOf<Array<{ path: string; message: string }> | undefined>();
  });
});
