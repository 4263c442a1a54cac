import { IceTypeError } from '../../errors.js';

/** Why a batch encode or decode was rejected. Adding a code is compatible; renaming one is a breaking change. */
export type BatchCodecErrorCode =
  /** The bytes are not a well-formed batch: truncated, garbled, wrong magic, unknown version. */
  | 'INVALID_BATCH'
  /** A document holds something that is not a `NormalizedValue` (undefined, a function, a `Map`, …) or nests deeper than `MAX_VALUE_DEPTH`. */
  | 'UNENCODABLE_VALUE'
  /** More than `MAX_BATCH_DOCUMENTS` documents, or a document index outside the batch. */
  | 'INVALID_ARGUMENT';

/**
 * A rejected batch encode or decode. The message starts with `codec:` and
 * says what was needed and what was found ("need 8 bytes, have 3"); it
 * never contains document contents.
 *
 * @example
 * try { decodeBatch(new Uint8Array(3)) } catch (e) {
 *   if (e instanceof BatchCodecError) e.code // 'INVALID_BATCH'
 * }
 */
export class BatchCodecError extends IceTypeError {
  override readonly name = 'BatchCodecError';
  constructor(
    override readonly code: BatchCodecErrorCode,
    message: string,
  ) {
    super(code, `codec: ${message}`);
  }
}
