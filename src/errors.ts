/**
 * The base of every error drizzle-icetype throws: a stable `code` to branch
 * on, a message that says what was expected and what was found, and the
 * original error as `cause` where there is one. Messages never carry
 * document contents or bound parameters.
 */
export class IceTypeError extends Error {
  override readonly name: string = 'IceTypeError';
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
