/**
 * The benchmark's documents: deterministic Users of the example schema
 * (examples/schema.ts), the same for every variant, so every variant stores
 * the same values and returns the same results (the runner compares them).
 */

/** A new User as the document API takes it; status and createdAt are left to their defaults. */
export interface NewBenchUser {
  tenantId: string;
  email: string;
  name: string;
  age: number;
  score: string;
  tags: string[];
}

/** A stored User as every variant returns it: timestamps as Dates, tags as an array. */
export interface BenchUser {
  $id: string;
  $type: string;
  $version: number;
  $createdAt: Date;
  $updatedAt: Date;
  tenantId: string;
  email: string | null;
  name: string;
  age: number | null;
  status: 'active' | 'suspended' | null;
  createdAt: Date | null;
  score: string | null;
  tags: string[] | null;
}

/** Documents the dataset holds; `age` cycles 18…77, so a 6-year range selects 10% of them. */
export const DATASET_SIZE = 10_000;
const AGES = 60;
const AGE_RANGE = 6;

/** The i-th User: email `user<i>@example.test`, ten tenants, ages 18…77. */
export function benchUser(i: number): NewBenchUser {
  return {
    tenantId: `t${i % 10}`,
    email: emailOf(i),
    name: `User ${i}`,
    age: 18 + (i % AGES),
    score: `${i % 1000}.${String(i % 100).padStart(2, '0')}`,
    tags: i % 2 === 0 ? ['alpha', 'beta'] : ['gamma'],
  };
}

export function emailOf(i: number): string {
  return `user${i}@example.test`;
}

/**
 * The k-th pick of repetition `rep` among `size` documents: a stride coprime
 * with the dataset size, so the picks of one call are distinct and spread.
 */
export function pick(rep: number, k: number, size: number): number {
  return (rep * 7919 + k * 4973) % size;
}

/** The k-th age range of repetition `rep`: [lo, lo + 5], about 10% of the dataset. */
export function ageRange(rep: number, k: number): readonly [number, number] {
  const lo = 18 + ((rep * 13 + k * 7) % (AGES - AGE_RANGE + 1));
  return [lo, lo + AGE_RANGE - 1];
}

/** The age the k-th update of repetition `rep` sets. */
export function updatedAge(rep: number, k: number): number {
  return 18 + ((rep + k * 31) % AGES);
}

/**
 * The change-log after image of a User, with the shape the CDC triggers
 * write (src/cdc/row-json.ts): system columns then fields in column order,
 * timestamps as epoch milliseconds, tags embedded as a JSON array.
 */
export function afterImage(user: BenchUser): string {
  return JSON.stringify({
    $id: user.$id,
    $type: user.$type,
    $version: user.$version,
    $createdAt: user.$createdAt.getTime(),
    $updatedAt: user.$updatedAt.getTime(),
    tenantId: user.tenantId,
    email: user.email,
    name: user.name,
    age: user.age,
    status: user.status,
    createdAt: user.createdAt === null ? null : user.createdAt.getTime(),
    score: user.score,
    tags: user.tags,
  });
}
