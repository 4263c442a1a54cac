/**
 * Shared fixtures of the generator tests: a representative schema with
 * every kind of column (and relations that are not columns), and a helper
 * that returns what a function throws.
 */
import { parseSchema } from '../../src/icetype/index.js';
import type { IcebergSchema } from '../../src/index.js';

/** Every kind of column: partition sources (identity and day), a decimal, a doc, lists, a vector, forward relations; plus relations that store nothing. */
export const OrderDefinition = {
  $type: 'Order',
  $partitionBy: ['tenant', 'placedAt'],
  tenant: 'string!',
  placedAt: 'timestamp!',
  total: 'decimal(12,2)!',
  note: { type: 'text', doc: 'free text from the customer' },
  tags: 'string[]',
  embedding: 'vector(3)',
  customer: '-> Customer!',
  items: '-> Item[]',
  lines: '<- Line.order[]',
  similar: '~> Order[]',
};

/** `OrderDefinition`, parsed. */
export const Order = parseSchema(OrderDefinition);

/** The Iceberg schema of `Order` (ids as the registry assigns a first version), written out by hand from the spec's Appendix C. */
export const ORDER_ICEBERG_SCHEMA: IcebergSchema = {
  type: 'struct',
  'schema-id': 0,
  'identifier-field-ids': [1],
  fields: [
    { id: 1, name: '$id', required: true, type: 'string' },
    { id: 2, name: '$type', required: true, type: 'string' },
    { id: 3, name: '$version', required: true, type: 'long' },
    { id: 4, name: '$createdAt', required: true, type: 'timestamptz' },
    { id: 5, name: '$updatedAt', required: true, type: 'timestamptz' },
    { id: 6, name: 'tenant', required: true, type: 'string' },
    { id: 7, name: 'placedAt', required: true, type: 'timestamptz' },
    { id: 8, name: 'total', required: true, type: 'decimal(12,2)' },
    { id: 9, name: 'note', required: false, type: 'string', doc: 'free text from the customer' },
    { id: 10, name: 'tags', required: false, type: { type: 'list', 'element-id': 14, 'element-required': true, element: 'string' } },
    { id: 11, name: 'embedding', required: false, type: { type: 'list', 'element-id': 15, 'element-required': true, element: 'float' } },
    { id: 12, name: 'customer', required: true, type: 'string' },
    { id: 13, name: 'items', required: false, type: { type: 'list', 'element-id': 16, 'element-required': true, element: 'string' } },
  ],
};

/** A one-field schema `{ $type: 'T', x: type }`. */
export const oneField = (type: string) => parseSchema({ $type: 'T', x: type });

/** An error with the fields the tests read. */
export type Thrown = Error & { readonly code?: string; readonly [key: string]: unknown };

/** The error `fn` throws; fails when it throws none. */
export function thrown(fn: () => unknown): Thrown {
  try {
    fn();
  } catch (error) {
    return error as Thrown;
  }
  throw new Error('expected an error, found none');
}
