/**
 * The export benchmark's collection and documents: Orders with nine fields
 * of the kinds a warehouse table holds — strings (a few distinct values and
 * many), an enum, an int, a decimal, a timestamp, a bool and a string list —
 * partitioned by region (four data files per export), once on the rows
 * layout and once batched (and, for the memory probe, batched without
 * partitions: one data file per export). The documents are deterministic
 * but for `$id` and the system timestamps, which the store fills in as it
 * would for an application (UUIDv7 ids, write times).
 */
import { defineSchema } from '../../../src/index.js';

const FIELDS = {
  customer: 'string!',
  region: 'string!',
  status: '"pending" | "paid" | "shipped" | "cancelled"',
  sku: 'string!',
  quantity: 'int!',
  total: 'decimal(12,2)!',
  placedAt: 'timestamp!',
  gift: 'bool',
  tags: 'string[]',
} as const;
const ORDER = { $partitionBy: ['region'], ...FIELDS } as const;

/** Orders on the rows layout: one row per document, the CDC triggers write `_cdc`. */
export const rowsSchema = defineSchema({ Order: ORDER } as const);

/** The same Orders batched (B = 128): the store writes `_cdc`, packed. */
export const batchedSchema = defineSchema({ Order: { $storage: 'batched', ...ORDER } } as const);

/** The batched Orders unpartitioned: an export writes all its rows into one data file. */
export const unpartitionedSchema = defineSchema({ Order: { $storage: 'batched', ...FIELDS } } as const);

/** A new Order as the document API takes it. */
export interface NewOrder {
  customer: string;
  region: string;
  status: 'pending' | 'paid' | 'shipped' | 'cancelled';
  sku: string;
  quantity: number;
  total: string;
  placedAt: Date;
  gift: boolean;
  tags: string[];
}

const REGIONS = ['eu-west', 'us-east', 'us-west', 'ap-south'] as const;
const STATUSES = ['paid', 'paid', 'paid', 'shipped', 'shipped', 'pending', 'cancelled'] as const;
const TAG_SETS: readonly (readonly string[])[] = [[], ['web'], ['web', 'promo'], ['app'], ['app', 'express'], ['phone', 'b2b']];
const T0 = Date.UTC(2026, 0, 1);
/** An order every 30 s. */
const STEP_MS = 30_000;

/** A 32-bit mix of `i` (deterministic pseudo-randomness). */
function mix(i: number): number {
  const h = Math.imul(i ^ 0x2c1b3c6d, 0x297a2d39);
  return (h ^ (h >>> 15)) >>> 0;
}

/** The i-th order: 5,000 customers, 2,000 SKUs, totals 1.00…4,999.99, one in ten a gift. */
export function newOrder(i: number): NewOrder {
  const h = mix(i);
  const cents = 100 + (h % 499_900);
  return {
    customer: `customer-${(h >>> 3) % 5_000}`,
    region: REGIONS[i % REGIONS.length]!,
    status: STATUSES[(h >>> 7) % STATUSES.length]!,
    sku: `SKU-${String((h >>> 11) % 2_000).padStart(5, '0')}`,
    quantity: 1 + ((h >>> 19) % 9),
    total: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
    placedAt: new Date(T0 + i * STEP_MS),
    gift: (h >>> 23) % 10 === 0,
    tags: [...TAG_SETS[(h >>> 26) % TAG_SETS.length]!],
  };
}
