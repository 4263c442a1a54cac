import type { ChangeExporter, ExportResult } from '../iceberg/export/index.js';
import { readChangeCursor } from './change-log.js';

/**
 * Streams the change log to Iceberg with the Durable Object's alarm
 * (DESIGN.md §5): after each committed write it looks at the backlog — the
 * newest `seq` less what is synced, one indexed read — and sets the alarm
 * for when an export is due: at once when the backlog has reached
 * `maxBacklogEntries`, else `maxBacklogAgeMs` after the write that started
 * it (the config's `cdc.export`, set per preset). The Durable Object's
 * `alarm()` calls `db.cdc.alarm()`, which exports and, when the export
 * stopped at its limit, sets the alarm again.
 */

/** When an export is due. */
export interface ExportThresholds {
  readonly maxBacklogEntries: number;
  readonly maxBacklogAgeMs: number;
}

export interface ExportScheduler {
  /** Called after each committed write (see `SessionStorage.onWriteCommitted`). */
  afterWrite(): void;
  /** The alarm handler: exports now and sets the next alarm if work remains. */
  alarm(): Promise<ExportResult>;
  /** Called after an export made outside the alarm (`exportNow`): the backlog is smaller now. */
  exported(): void;
}

export function createExportScheduler(storage: DurableObjectStorage, thresholds: ExportThresholds, exporter: ChangeExporter, limit: number): ExportScheduler {
  let syncedThrough: number | undefined;
  let alarmAt: number | undefined;
  const setAlarm = (at: number): void => {
    if (alarmAt !== undefined && alarmAt <= at) return;
    alarmAt = at;
    // Part of the event's output: the runtime holds the response until it is stored.
    void storage.setAlarm(at);
  };
  return {
    afterWrite() {
      syncedThrough ??= readChangeCursor(storage.sql).syncedThrough;
      const last = storage.sql.exec<{ last: number | null }>('SELECT max(seq) AS last FROM _cdc').one().last ?? 0;
      const backlog = last - syncedThrough;
      if (backlog <= 0) return;
      const now = Date.now();
      setAlarm(backlog >= thresholds.maxBacklogEntries ? now : now + thresholds.maxBacklogAgeMs);
    },
    async alarm() {
      alarmAt = undefined;
      const result = await exporter.exportNow();
      syncedThrough = readChangeCursor(storage.sql).syncedThrough;
      // A full run may have left more behind (schemaless entries, which are skipped, do not count).
      if (result.entries + result.skipped >= limit) setAlarm(Date.now());
      return result;
    },
    exported() {
      syncedThrough = undefined;
    },
  };
}
