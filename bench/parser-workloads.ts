/**
 * The inputs of `npm run bench:parser`: the operations of the original
 * README's benchmark table, on inputs both parsers accept.
 */

/** The original README's example schema. */
export const simpleSchema = {
  $type: 'User',
  $partitionBy: ['id'],
  $index: [['email']],
  id: 'uuid!',
  email: 'string#',
  name: 'string',
  age: 'int?',
  status: 'string = "active"',
  posts: '<- Post.author[]',
} as const;

/** A wider schema: 20 fields, defaults, decimals, arrays, relations, several directives. */
export const complexSchema = {
  $type: 'Order',
  $partitionBy: ['tenantId'],
  $index: [['tenantId', 'createdAt'], ['status'], ['customer']],
  $fts: ['notes'],
  $vector: { embedding: 384 },
  tenantId: 'string!',
  number: 'long!',
  status: 'string = "pending"',
  currency: 'string = "EUR"',
  subtotal: 'decimal(12,2)!',
  tax: 'decimal(12,2)',
  total: 'decimal(12,2)!',
  discount: 'double?',
  paid: 'bool = false',
  createdAt: 'timestamp!',
  shippedAt: 'timestamp?',
  dueDate: 'date?',
  notes: 'text',
  tags: 'string[]',
  quantities: 'int[]',
  metadata: 'json',
  embedding: 'vector(384)',
  customer: '-> Customer!',
  lines: '<- OrderLine.order[]',
  invoice: '-> Invoice?',
} as const;

export const fieldStrings = ['string!', 'int?', 'string#', 'timestamp = now()', 'decimal(10,2)', 'string[]', 'bool = true', 'text?'] as const;

export const relationStrings = ['-> User', '<- Post.author[]', '~> Topic[]', '<~ Doc.related', '-> Org?', '<- Comment.post[]'] as const;

export const inferValues: readonly unknown[] = ['hello', 42, 3.14, true, '2024-01-15', '2024-01-15T10:30:00Z', '550e8400-e29b-41d4-a716-446655440000', [1, 2, 3], { foo: 'bar' }, null];
