/**
 * The benchmark's documents: 100,000 deterministic, time-ordered Events,
 * the same for every variant (ids included), so every variant stores the
 * same values and returns the same results — the runner compares them.
 * `at` and `$id` both grow with insertion order, as they do for events
 * written as they happen with UUIDv7 ids.
 */
import { defineSchema } from '../../../src/index.js';

const EVENT = {
  at: 'timestamp#',
  kind: 'string#',
  userId: 'string',
  amount: 'int',
  note: 'string?',
} as const;

/** The Event collection on the batched layout: packed 128 to a `_batches` row (the default batch size). */
export const batchedSchema = defineSchema({ Event: { $storage: 'batched', ...EVENT } } as const);

/** The same collection on the rows layout: one row per document, native indexes on `at` and `kind`. */
export const rowsSchema = defineSchema({ Event: { $storage: 'rows', ...EVENT } } as const);

/** A new Event as the document API takes it. */
export interface NewBenchEvent {
  $id: string;
  at: Date;
  kind: string;
  userId: string;
  amount: number;
  note?: string;
}

export const DATASET_SIZE = 100_000;
/** Events per `createMany` call. */
export const CHUNK = 10_000;
/** Events a range query selects: 1% of the dataset, consecutive in time. */
export const RANGE_SIZE = 1_000;

const T0 = Date.UTC(2026, 0, 1);
/** One event a second. */
const STEP_MS = 1_000;

/** 16 common kinds, one of which most events have (≈6% each)… */
export const COMMON_KINDS = [
  'add_to_cart', 'checkout', 'click', 'error', 'impression', 'login', 'logout', 'page_view',
  'purchase', 'scroll', 'search', 'share', 'signup', 'subscribe', 'video_play', 'view_item',
] as const;
/**
 * …and 4 rare ones: every 1,000th event, 25 of each, spread over the whole
 * time range. They sort inside the common kinds' range, so a batch's zone
 * map (min…max kind) cannot rule them out; its `kind` bloom filter can.
 */
export const RARE_KINDS = ['chargeback', 'dispute', 'fraud_alert', 'refund'] as const;

/** A 32-bit mix of `i` (deterministic pseudo-randomness). */
function mix(i: number): number {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0').slice(-digits);

/** The i-th event's time, epoch ms. */
export function atOf(i: number): number {
  return T0 + i * STEP_MS;
}

/** The i-th event's `$id`: a UUIDv7 (RFC 9562 §5.7) whose timestamp is the event's `at`, so ids sort as events do. */
export function eventId(i: number): string {
  const ms = hex(atOf(i), 12);
  const a = mix(i);
  const b = mix(i + 0x51ed27);
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${hex(a >>> 20, 3)}-${hex(0x8000 | (a & 0x3fff), 4)}-${hex(b, 8)}${hex(a >>> 4, 4)}`;
}

export function kindOf(i: number): string {
  return i % 1_000 === 499 ? RARE_KINDS[Math.floor(i / 1_000) % RARE_KINDS.length]! : COMMON_KINDS[mix(i) % COMMON_KINDS.length]!;
}

/** The i-th event. A third have no note. */
export function benchEvent(i: number): NewBenchEvent {
  const event: NewBenchEvent = { $id: eventId(i), at: new Date(atOf(i)), kind: kindOf(i), userId: `user-${mix(i * 7) % 5_000}`, amount: mix(i * 3) % 100_000 };
  if (i % 3 !== 0) event.note = `note ${i % 97}`;
  return event;
}

/** The k-th pick of repetition `rep` among `size` events: a stride coprime with the size, so picks are distinct and spread. */
export function pick(rep: number, k: number, size: number): number {
  return (rep * 7_919 + k * 4_973) % size;
}

/** The k-th range of repetition `rep`: inclusive `at` bounds of `RANGE_SIZE` consecutive events. */
export function atRange(rep: number, k: number): readonly [Date, Date] {
  const first = (rep * 12_347 + k * 3_181) % (DATASET_SIZE - RANGE_SIZE + 1);
  return [new Date(atOf(first)), new Date(atOf(first + RANGE_SIZE - 1))];
}

/** The amount the k-th update of repetition `rep` sets. */
/** Events a "latest before" query returns. */
export const LATEST_LIMIT = 20;

/** The k-th time of repetition `rep` that a "latest before" query pages back from. */
export function latestBefore(rep: number, k: number): Date {
  return new Date(atOf(LATEST_LIMIT + ((rep * 7_919 + k * 3_181) % (DATASET_SIZE - LATEST_LIMIT))));
}

export function updatedAmount(rep: number, k: number): number {
  return (rep * 1_000 + k * 31) % 100_000;
}
