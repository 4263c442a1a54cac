/**
 * Model-based property test of the document API (issue 3 §7): random
 * sequences of create / createMany / update / upsert / delete / deleteMany /
 * get / getMany / query (and full cursor pagination) / count run against a
 * fresh Durable Object and an in-memory reference model of `User`
 * (examples/schema.ts). After every command the stored documents equal the
 * model's — `$updatedAt` within the writing call, unchanged otherwise — and
 * the change log grew by exactly the command's entries; at the end the whole
 * log equals the model's list of changes: ops, ids, after (and, with
 * FINANCIAL, before) images, changed fields, one txId per command, distinct
 * across commands.
 *
 * The model (test/store/model/) writes its own state transitions, validation
 * outcomes, filter evaluation and ordering from the documented semantics; it
 * does not call the library's validator or in-memory query evaluator.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import migrations from '../../migrations/migrations.js';
import { schema } from '../../examples/schema.js';
import { createConfig, defineSchema, drizzle, migrate } from '../../src/index.js';
import { inDurableObject } from '../support/do.js';
import { commandArbs } from './model/commands.js';
import { compareWholeLog, newModel, outcomes, type Model, type Real } from './model/model.js';

const NUM_RUNS = 100;
const MAX_COMMANDS = 30;

/** Outcomes 100 runs reach with near certainty: if one is missing, the generators have drifted and the test proves little. */
const MUST_SEE = [
  'create:wrote',
  'createMany:wrote',
  'update:wrote',
  'upsert:wrote',
  'upsert:merged into an existing document',
  'delete:wrote',
  'deleteMany:wrote',
  'paginate:3 pages or more',
  'error:ALREADY_EXISTS',
  'error:UNIQUE_VIOLATION',
  'error:VERSION_CONFLICT',
  'error:NOT_FOUND',
  'error:INVALID_ID',
  'error:INVALID_OPTION',
  'error:INVALID_CURSOR',
];

/**
 * The same User on the batched layout (issue 4 §3: both layouts against one
 * model). Batches capped at 640 bytes hold a handful of documents each, so the
 * commands split, merge (compaction) and prune many batches.
 */
const batchedSchema = defineSchema({ ...schema.definition, User: { ...schema.definition.User, $storage: 'batched' } } as const);
const BATCHED = { storage: { batchSize: 64, maxBatchBytes: 640 } } as const;

/** The most batches a run ended with, per layout: proof the batched runs spanned many batches. */
const mostBatches = new Map<string, number>();

const LAYOUTS = [
  { layout: 'rows', schema, config: (captureBefore: boolean) => createConfig(captureBefore ? 'FINANCIAL' : 'DOCUMENT_STORE') },
  { layout: 'batched', schema: batchedSchema, config: (captureBefore: boolean) => createConfig(captureBefore ? 'FINANCIAL' : 'DOCUMENT_STORE', BATCHED) },
] as const;

describe.each(LAYOUTS)('db.store ($layout layout) against a reference model', ({ layout, schema: layoutSchema, config }) => {
  it('random command sequences keep documents and the change log equal to the model', async () => {
    outcomes.clear();
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.commands(commandArbs, { maxCommands: MAX_COMMANDS, size: 'max' }), async (captureBefore, cmds) => {
        await inDurableObject(async (storage) => {
          // FINANCIAL captures before images; the default (DOCUMENT_STORE) does not.
          const db = drizzle(storage, { schema: layoutSchema, config: config(captureBefore) });
          await migrate(db, migrations);
          expect(db.store.layoutOf('User')).toBe(layout);
          const real: Real = { store: db.store as unknown as Real['store'], cdc: db.cdc };
          const model: Model = newModel(captureBefore);
          fc.modelRun(() => ({ model, real }), cmds);
          compareWholeLog(model, real);
          const batches = storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM _batches WHERE collection = 'User'").one().n;
          mostBatches.set(layout, Math.max(mostBatches.get(layout) ?? 0, batches));
        });
      }),
      { numRuns: NUM_RUNS },
    );
    expect(MUST_SEE.filter((outcome) => !outcomes.has(outcome)), 'outcomes the generators never reached').toEqual([]);
    if (layout === 'batched') expect(mostBatches.get(layout)).toBeGreaterThanOrEqual(3);
  }, 120_000);
});
