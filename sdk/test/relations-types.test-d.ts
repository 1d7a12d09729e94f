/**
 * Type tests of the SDK's relation contract: a change that would break a plugin's relation
 * types or event listeners fails here (vitest's typecheck mode runs tsc over this file).
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  defineRelationType,
  type FieldDefinition,
  type FieldMetadata,
  type RecordRef,
  type Relation,
  type RelationCardinality,
  type RelationEvent,
  type RelationTypeDefinition,
  type RelationTypeMetadata,
} from '@trellis/sdk';

describe('defineRelationType', () => {
  it('keeps the literal types of what it is given', () => {
    const employs = defineRelationType({
      key: 'employs',
      label: 'employs',
      symmetric: { key: 'employed_by', label: 'is employed by' },
      subjectEntities: ['company'],
      objectEntities: ['contact'],
      cardinality: { subject: 'many', object: 'one' },
      fields: [{ name: 'role', type: 'text' }],
    });
    expectTypeOf(employs.key).toEqualTypeOf<'employs'>();
    expectTypeOf(employs.symmetric.key).toEqualTypeOf<'employed_by'>();
    expectTypeOf(employs.cardinality.object).toEqualTypeOf<'one'>();
    expectTypeOf(employs).toExtend<RelationTypeDefinition>();

    const colleague = defineRelationType({ key: 'colleague_of', label: 'is a colleague of', symmetric: 'self' });
    expectTypeOf(colleague.symmetric).toEqualTypeOf<'self'>();
  });

  it('rejects an unknown cardinality at compile time', () => {
    defineRelationType({
      key: 'assigned_to',
      label: 'is assigned to',
      symmetric: { key: 'handles', label: 'handles' },
      // @ts-expect-error 'single' is not a cardinality
      cardinality: { subject: 'single' },
    });
  });

  it('requires a symmetric', () => {
    // @ts-expect-error symmetric is missing
    defineRelationType({ key: 'knows', label: 'knows' });
    // @ts-expect-error a symmetric direction needs its label too
    defineRelationType({ key: 'knows', label: 'knows', symmetric: { key: 'known_by' } });
    // @ts-expect-error only 'self' is accepted as a string
    defineRelationType({ key: 'knows', label: 'knows', symmetric: 'both' });
  });

  it('rejects attribute fields of an unknown type', () => {
    // @ts-expect-error 'texte' is not a field type
    defineRelationType({ key: 'knows', label: 'knows', symmetric: 'self', fields: [{ name: 'since', type: 'texte' }] });
  });
});

describe('RelationTypeDefinition', () => {
  it('requires key, label and symmetric, nothing else', () => {
    expectTypeOf<{ key: string; label: string; symmetric: 'self' }>().toExtend<RelationTypeDefinition>();
    expectTypeOf<{ key: string; label: string }>().not.toExtend<RelationTypeDefinition>();
    expectTypeOf<RelationTypeDefinition['symmetric']>().toEqualTypeOf<'self' | { key: string; label: string }>();
    expectTypeOf<RelationTypeDefinition['subjectEntities']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<RelationTypeDefinition['fields']>().toEqualTypeOf<FieldDefinition[] | undefined>();
  });

  it('allows only one or many on each side', () => {
    expectTypeOf<RelationCardinality>().toEqualTypeOf<'one' | 'many'>();
    expectTypeOf<NonNullable<RelationTypeDefinition['cardinality']>>().toEqualTypeOf<{
      subject?: RelationCardinality;
      object?: RelationCardinality;
    }>();
  });

  it('reports metadata with every default filled in', () => {
    expectTypeOf<RelationTypeMetadata['symmetric']>().toEqualTypeOf<{ key: string; label: string }>();
    expectTypeOf<RelationTypeMetadata['cardinality']>().toEqualTypeOf<{ subject: RelationCardinality; object: RelationCardinality }>();
    expectTypeOf<RelationTypeMetadata['fields']>().toEqualTypeOf<FieldMetadata[]>();
    expectTypeOf<RelationTypeMetadata['system']>().toEqualTypeOf<boolean>();
  });
});

describe('relations and their events', () => {
  it('shapes a relation seen from its subject', () => {
    expectTypeOf<RecordRef>().toEqualTypeOf<{ entity: string; id: string }>();
    expectTypeOf<Relation['id']>().toEqualTypeOf<string>();
    expectTypeOf<Relation['type']>().toEqualTypeOf<string>();
    expectTypeOf<Relation['subject']>().toEqualTypeOf<RecordRef>();
    expectTypeOf<Relation['object']>().toEqualTypeOf<RecordRef>();
    expectTypeOf<Relation['attributes']>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<Relation['created_at']>().toEqualTypeOf<string>();
    expectTypeOf<Relation['created_by']>().toEqualTypeOf<string | null>();
  });

  it('announces additions and removals only', () => {
    expectTypeOf<RelationEvent['type']>().toEqualTypeOf<'relation.added' | 'relation.removed'>();
    expectTypeOf<RelationEvent['relation']>().toEqualTypeOf<Relation>();
    expectTypeOf<{ type: 'relation.updated'; relation: Relation }>().not.toExtend<RelationEvent>();
  });
});
