/**
 * The directory object store (issue 6 §2), on a real temporary directory:
 * the same contract the R2 store keeps in workerd (test/iceberg), plus what
 * only files can get wrong — no partial files visible, nested directories
 * created, create-only puts racing.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ObjectStoreError } from '../../src/iceberg/store/object-store.js';
import { directoryObjectStore } from '../../src/node.js';

let root = '';
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'icetype-store-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const text = (bytes: Uint8Array | null) => (bytes === null ? null : new TextDecoder().decode(bytes));

describe('directoryObjectStore', () => {
  it('reads, writes, lists and deletes files in the standard layout', async () => {
    const store = directoryObjectStore(root);
    expect(await store.get('db/events/metadata/version-hint.text')).toBeNull();
    await store.put('db/events/metadata/version-hint.text', '1');
    await store.put('db/events/data/part-0.parquet', new Uint8Array([80, 65, 82, 49]));
    await store.put('db/other/metadata/v1.metadata.json', '{}');
    expect(await readFile(join(root, 'db', 'events', 'metadata', 'version-hint.text'), 'utf8')).toBe('1');
    expect(text(await store.get('db/events/metadata/version-hint.text'))).toBe('1');
    expect(await store.list('db/events/')).toEqual(['db/events/data/part-0.parquet', 'db/events/metadata/version-hint.text']);
    await store.put('db/events/metadata/version-hint.text', '2');
    expect(text(await store.get('db/events/metadata/version-hint.text'))).toBe('2');
    // No staging files are left behind, and listing ignores any that are.
    expect(await readdir(join(root, 'db', 'events', 'metadata'))).toEqual(['version-hint.text']);
    await writeFile(join(root, 'db', 'events', 'metadata', 'x.1.2.tmp'), 'partial');
    expect(await store.list('db/events/metadata/')).toEqual(['db/events/metadata/version-hint.text']);
    await store.delete(['db/events/data/part-0.parquet', 'db/never/was.txt']);
    expect(await store.list('db/')).toEqual(['db/events/metadata/version-hint.text', 'db/other/metadata/v1.metadata.json']);
    expect(await directoryObjectStore(join(root, 'missing')).list('')).toEqual([]);
  });

  it('creates an object only when none has the key, and one of many racing creators wins', async () => {
    const store = directoryObjectStore(root);
    expect(await store.putIfAbsent('t/metadata/v1.metadata.json', 'first')).toBe(true);
    expect(await store.putIfAbsent('t/metadata/v1.metadata.json', 'second')).toBe(false);
    expect(text(await store.get('t/metadata/v1.metadata.json'))).toBe('first');
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.putIfAbsent('t/metadata/v2.metadata.json', `writer ${i}`)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(text(await store.get('t/metadata/v2.metadata.json'))).toBe(`writer ${results.indexOf(true)}`);
  });

  it('refuses keys that would leave the directory, with a typed error', async () => {
    const store = directoryObjectStore(root);
    for (const key of ['../escape', 'a/../../b', '/etc/passwd', 'a//b', '']) {
      const error = await store.put(key, 'x').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ObjectStoreError);
      expect((error as ObjectStoreError).code).toBe('INVALID_KEY');
    }
    expect(await readdir(root)).toEqual([]);
  });
});
