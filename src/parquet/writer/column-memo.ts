/**
 * Column data built once for a list of stored documents and taken again by
 * another table over the very same documents in the same order: an
 * export's changelog and current-state mirror hold the same images when
 * every change is the insert of a new document (their ids, time-ordered
 * UUIDv7, sort as they were made), so the mirror's columns are the
 * changelog's, byte for byte. Lists match by the identity of each document
 * object, never by content; columns by name and Iceberg type (element ids
 * included, which Arrow's list type carries).
 */
import type { Data } from 'apache-arrow';
import type { IcebergField } from '../../iceberg/metadata/iceberg-schema.js';

type Documents = readonly (object | null)[];

/** The columns built for one list of documents. */
export interface MemoEntry {
  recall(column: IcebergField): Data | undefined;
  remember(column: IcebergField, data: Data): void;
}

const columnKey = (column: IcebergField) => `${column.name}\u0000${JSON.stringify(column.type)}`;

function sameDocuments(a: Documents, b: Documents): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The memo of one export: lists of documents with the columns built for them. Holds them until dropped with the export. */
export class ColumnMemo {
  readonly #lists: { documents: Documents; columns: Map<string, Data> }[] = [];

  /**
   * The entry of `documents`: the columns remembered for an identical list
   * (a column with nulls only where `column` takes them), and where to
   * remember new ones.
   */
  entry(documents: Documents): MemoEntry {
    let list = this.#lists.find((l) => sameDocuments(l.documents, documents));
    if (list === undefined) this.#lists.push((list = { documents, columns: new Map() }));
    const { columns } = list;
    return {
      recall: (column) => {
        const data = columns.get(columnKey(column));
        return data === undefined || (column.required && data.nullCount > 0) ? undefined : data;
      },
      remember: (column, data) => void columns.set(columnKey(column), data),
    };
  }
}
