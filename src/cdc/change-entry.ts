/** One change, as the change log API returns it (flattened even where the store packed several into one row). */
export interface ChangeEntry {
  /** Position in the log: strictly increasing, never reused. */
  readonly seq: number;
  /** The write transaction the change belongs to (changes of one transaction share it). */
  readonly txId: string;
  readonly collection: string;
  /** The document's `$id`. */
  readonly id: string;
  readonly op: 'insert' | 'update' | 'delete';
  /** The document after the change (`null` for deletes). */
  readonly after: Readonly<Record<string, unknown>> | null;
  /** The document before the change, when before images are captured (`null` for inserts). */
  readonly before: Readonly<Record<string, unknown>> | null;
  /** For updates: the fields whose stored value changed. */
  readonly changed: readonly string[] | null;
  readonly timestamp: Date;
  readonly shardId: string;
  /** Whether an exporter has marked it synced. */
  readonly synced: boolean;
}

/** Where the log stands: `getCDCCursor()`. */
export interface ChangeCursor {
  /** The highest `seq` written so far (0 when the log is empty). */
  readonly lastSeq: number;
  /** Every entry up to and including this `seq` is synced (0 when none is). */
  readonly syncedThrough: number;
  /** Entries not yet synced. */
  readonly unsynced: number;
  /** Time of the newest entry, or null. */
  readonly lastTimestamp: Date | null;
}
