/**
 * `groupByDocumentPartition`: stored documents grouped by the partition
 * tuple of their row (Iceberg spec "Partition Transforms": identity, day
 * with floor before 1970), in order of first appearance, keyed by the Avro
 * names of the partition struct; a row without a document has only `$id`
 * and `$type`, so its other sources (required fields all) are null.
 */
import { describe, expect, it } from 'vitest';
import { groupByDocumentPartition, partitionKey } from '../../src/iceberg/export/partition-values.js';
import { generateTableMetadata } from '../../src/iceberg/metadata/table-metadata.js';
import { parseSchema } from '../../src/icetype/index.js';

const Event = parseSchema({ $type: 'Event', $partitionBy: ['tenant', 'at', 'n'], tenant: 'string!', at: 'timestamp!', n: 'long!' });
const metadata = generateTableMetadata(Event, { location: 's3://b/w/ns/Event' });
const doc = (id: string, tenant: string, at: Date | null, n: number) => ({ $id: id, $type: 'Event', $version: 1, $createdAt: new Date(0), $updatedAt: new Date(0), tenant, at, n });
const DAY = 86_400_000;

describe('groupByDocumentPartition', () => {
  it('groups by identity and day values, in order of first appearance, each group in item order', () => {
    const items = [doc('a', 'x', new Date(DAY + 5), 1), doc('b', 'x', new Date(-1), 1), doc('c', 'x', new Date(2 * DAY - 1), 1), doc('e', 'x', new Date(-DAY), 1), doc('f', '1', new Date(DAY), 1)];
    const groups = groupByDocumentPartition(metadata, Event, items, (d) => d);
    const keys = Object.keys(groups[0]!.partition);
    expect(keys).toHaveLength(3);
    expect(groups.map((g) => [Object.values(g.partition), g.items.map((d) => d.$id)])).toEqual([
      [['x', 1, 1n], ['a', 'c']],
      [['x', -1, 1n], ['b', 'e']], // -1 ms and -1 day both on 1969-12-31
      [['1', 1, 1n], ['f']],
    ]);
  });

  it('gives a row without a document only its $id and $type, and takes values in other forms through the validating path', () => {
    const groups = groupByDocumentPartition(metadata, Event, [null, doc('loose', 'x', '1970-01-02T00:00:00Z' as unknown as Date, 1)], (d) => d, () => ({ $id: 'gone', $type: 'Event' }));
    expect(groups.map((g) => Object.values(g.partition))).toEqual([
      [null, null, null],
      ['x', 1, 1n],
    ]);
  });

  it('puts every item in one group without a partition spec', () => {
    const plain = parseSchema({ $type: 'Plain', v: 'string' });
    const groups = groupByDocumentPartition(generateTableMetadata(plain, { location: 's3://b/w/ns/Plain' }), plain, [doc('a', 'x', null, 1), doc('b', 'y', null, 2)], (d) => d);
    expect(groups).toEqual([{ partition: {}, items: [expect.objectContaining({ $id: 'a' }), expect.objectContaining({ $id: 'b' })] }]);
  });
});

describe('partitionKey', () => {
  it('is shared by equal tuples only: types, bytes and strings that look alike differ', () => {
    const tuples = [{ a: 'x' }, { a: 'x' }, { a: 1 }, { a: 1n }, { a: '1' }, { a: null }, { a: 'null' }, { a: true }, { a: new Uint8Array([1]) }, { a: new Uint8Array([1]) }, { a: 'x', b: 'y' }, { a: 'xy', b: '' }];
    const keys = tuples.map(partitionKey);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[8]).toBe(keys[9]);
    expect(new Set(keys).size).toBe(tuples.length - 2);
  });
});
