/**
 * The type-string grammar of ICETYPE.md §1.1 (`field`, `type`, `base`,
 * `enum`, `modifiers`, `default`, `relation`), as a recursive-descent parser
 * over the shared `Lexer`. Used for standalone type strings, for the values
 * of object schemas and, in text mode, for field types inside the text form
 * (where a line break, `,`, `}` or `@` also ends a type).
 */
import type { DefaultValue, FieldDefinition, RelationDefinition, RelationOperator, ScalarType } from './ast.js';
import { checkDefault, NOW_DEFAULT, UUID_DEFAULT } from './defaults.js';
import { IceTypeParseError } from './errors.js';
import { parseLiteral } from './literals.js';
import type { Lexer, TokenKind } from './tokenizer.js';
import { decimalRangeProblem, lookupPrimitive, PRIMITIVE_TYPES, sizeProblem, suggestTypeNames } from './type-names.js';

/** Modifier bits. */
const REQUIRED = 1;
const OPTIONAL = 2;
const INDEXED = 4;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function isRelationOp(kind: TokenKind): kind is RelationOperator {
  return kind === '->' || kind === '~>' || kind === '<-' || kind === '<~';
}

/** Whether an operator stores the target in the field (`->`, `~>`) rather than deriving it (`<-`, `<~`). */
export function isForwardOperator(op: RelationOperator): boolean {
  return op === '->' || op === '~>';
}

/**
 * Parses type strings from a `Lexer` positioned at their first token. After a
 * call, the extra fields describe what was written, for callers that merge
 * field objects or record source positions.
 */
export class TypeStringParser {
  /** `?` was written. */
  optionalMarked = false;
  /** A `= default` was written. */
  defaultWritten = false;
  /** Position of the first token of the type. */
  typeLine = 0;
  typeColumn = 0;
  /** Position of the default value (0 when none). */
  defaultLine = 0;
  defaultColumn = 0;
  /** Position of a relation's target name (0 when none). */
  targetLine = 0;
  targetColumn = 0;
  /** Position of a relation's inverse field name (0 when none). */
  inverseLine = 0;
  inverseColumn = 0;

  /** `textMode`: a line break, `,`, `}` or `@` also ends a type (the text form, ICETYPE.md §7). */
  constructor(
    readonly lx: Lexer,
    readonly textMode: boolean,
  ) {}

  /** Whether the current token ends the type. */
  private atEnd(): boolean {
    const k = this.lx.kind();
    if (k === 'eof') return true;
    if (!this.textMode) return false;
    return this.lx.newlineBefore || k === '}' || k === ',' || k === '@';
  }

  /** Whether the current token is `kind` on the same line (in text mode). */
  private at(kind: TokenKind): boolean {
    return this.lx.kind() === kind && !(this.textMode && this.lx.newlineBefore);
  }

  private found(): string {
    return this.textMode && this.lx.newlineBefore && this.lx.kind() !== 'eof' ? 'end of line' : this.lx.describe();
  }

  /**
   * `field := type modifiers? default?` or a relation. Leaves the lexer at
   * the token after the type (`eof` in type-string mode).
   */
  parseField(name: string): FieldDefinition {
    const lx: Lexer = this.lx;
    this.optionalMarked = false;
    this.defaultWritten = false;
    this.defaultLine = this.defaultColumn = this.targetLine = this.targetColumn = 0;
    this.inverseLine = this.inverseColumn = 0;
    this.typeLine = lx.line;
    this.typeColumn = lx.column;
    const k = lx.kind();
    if (this.atEnd()) lx.fail('EMPTY_TYPE', `expected a type such as "string" or "int?", found ${this.found()}`);
    if (isRelationOp(k)) return this.relationField(name);
    if (k === '!' || k === '?' || k === '#') {
      lx.fail(
        'INVALID_MODIFIER_POSITION',
        `expected a type name before the modifier (modifiers follow the type, e.g. "string${k}"), found "${k}"`,
      );
    }
    let type: ScalarType;
    if (k === 'identifier') type = this.namedType();
    else if (k === 'string') type = this.enumType();
    else lx.fail('UNEXPECTED_TOKEN', `expected a type name, found ${lx.describe()}`);

    let isArray = false;
    if (this.at('[')) {
      lx.next();
      if (lx.kind() !== ']') {
        lx.fail(
          'UNEXPECTED_TOKEN',
          `expected "]" after "[" (T[] is an array; fixed-size float arrays are vector(N)), found ${lx.describe()}`,
        );
      }
      lx.next();
      isArray = true;
    }

    const mods = this.modifiers();
    const required = (mods & REQUIRED) !== 0;
    const indexed = (mods & INDEXED) !== 0;
    if (this.at('[')) {
      if (mods !== 0) {
        lx.fail('INVALID_MODIFIER_POSITION', `expected "[]" before the modifiers (e.g. "string[]!"), found "["`);
      }
      lx.fail(
        'UNEXPECTED_TOKEN',
        `expected a modifier (! ? #), "=" or the end of the type, found "[" (arrays of arrays are not supported; use json)`,
      );
    }

    let def: DefaultValue | undefined;
    if (this.at('=')) {
      lx.next();
      def = this.defaultValue(type, isArray, required);
      if (this.at('!') || this.at('?') || this.at('#')) {
        lx.fail(
          'INVALID_MODIFIER_POSITION',
          `expected the modifiers before the default (e.g. "int! = 0"), found "${lx.kind()}" after it`,
        );
      }
    }
    if (!this.atEnd()) {
      this.unexpectedAfter(
        def !== undefined ? 'the end of the type after the default' : 'a modifier (! ? #), "=" or the end of the type',
      );
    }

    const field: Mutable<FieldDefinition> = { name, type, isArray, required, indexed, unique: false };
    if (def !== undefined) field.default = def;
    return field;
  }

  private unexpectedAfter(expected: string): never {
    const lx: Lexer = this.lx;
    if (isRelationOp(lx.kind())) {
      lx.fail(
        'INVALID_RELATION',
        `expected the relation operator at the start (e.g. "${lx.kind()} User"), found text before "${lx.kind()}"`,
      );
    }
    lx.fail('UNEXPECTED_TOKEN', `expected ${expected}, found ${this.found()}`);
  }

  /** `modifiers := any order, each at most once, of ! ? #`. Returns a bit set. */
  private modifiers(): number {
    const lx: Lexer = this.lx;
    let mods = 0;
    while (!this.atEnd()) {
      const k = lx.kind();
      const bit = k === '!' ? REQUIRED : k === '?' ? OPTIONAL : k === '#' ? INDEXED : 0;
      if (bit === 0) break;
      if ((mods & bit) !== 0) lx.fail('DUPLICATE_MODIFIER', `expected each modifier at most once, found a second "${k}"`);
      if ((bit === REQUIRED && (mods & OPTIONAL) !== 0) || (bit === OPTIONAL && (mods & REQUIRED) !== 0)) {
        lx.fail('CONFLICTING_MODIFIERS', `expected either "!" (required) or "?" (optional), found both`);
      }
      mods |= bit;
      lx.next();
    }
    this.optionalMarked = (mods & OPTIONAL) !== 0;
    return mods;
  }

  /** A primitive, `decimal(P[,S])`, `varchar(N)` or `vector(N)`, case-insensitively. */
  private namedType(): ScalarType {
    const lx: Lexer = this.lx;
    const spelling = lx.text;
    const line = lx.line;
    const column = lx.column;
    const primitive = lookupPrimitive(spelling);
    if (primitive !== undefined) {
      lx.next();
      if (this.at('(')) lx.fail('INVALID_PARAMETER', `expected no parameters after ${spelling}, found "("`);
      return primitive;
    }
    const lower = spelling === 'decimal' || spelling === 'varchar' || spelling === 'vector' ? spelling : spelling.toLowerCase();
    if (lower === 'decimal') {
      lx.next();
      this.expectParen('(', 'decimal', 'decimal(10,2)');
      const precision = this.integerParam('decimal precision');
      let scale = 0;
      if (lx.kind() === ',') {
        lx.next();
        scale = this.integerParam('decimal scale');
      }
      this.expectParen(')', 'decimal', '');
      const range = decimalRangeProblem(precision, scale);
      if (range !== undefined) lx.failAt('DECIMAL_RANGE', range, line, column);
      return { kind: 'decimal', precision, scale };
    }
    if (lower === 'varchar' || lower === 'vector') {
      lx.next();
      this.expectParen('(', lower, lower === 'varchar' ? 'varchar(255)' : 'vector(768)');
      const n = this.integerParam(lower === 'varchar' ? 'varchar length' : 'vector dimensions');
      this.expectParen(')', lower, '');
      const size = sizeProblem(lower, n);
      if (size !== undefined) lx.failAt('INVALID_PARAMETER', size, line, column);
      return lower === 'varchar' ? { kind: 'varchar', length: n } : { kind: 'vector', dimensions: n };
    }
    // Unknown. Text before a relation operator gets the more helpful code.
    let relationNext = false;
    try {
      relationNext = isRelationOp(lx.next()) && !(this.textMode && lx.newlineBefore);
    } catch (e) {
      if (!(e instanceof IceTypeParseError)) throw e;
    }
    if (relationNext) {
      lx.failAt(
        'INVALID_RELATION',
        `expected the relation operator first (e.g. "-> User"), found ${JSON.stringify(spelling)} before it`,
        line,
        column,
      );
    }
    const near = suggestTypeNames(spelling);
    lx.failAt(
      'UNKNOWN_TYPE',
      `expected a type name (${near.length <= 4 ? 'did you mean ' : 'one of '}${near.join(', ')}${near.length <= 4 ? '?' : ''}), found ${JSON.stringify(spelling)}`,
      line,
      column,
    );
  }

  private expectParen(kind: '(' | ')', typeName: string, example: string): void {
    const lx: Lexer = this.lx;
    if (lx.kind() !== kind) {
      lx.fail(
        'INVALID_PARAMETER',
        kind === '('
          ? `expected "(" after ${typeName} (e.g. ${example}), found ${this.found()}`
          : `expected ")" to close ${typeName}(...), found ${lx.describe()}`,
      );
    }
    lx.next();
  }

  private integerParam(what: string): number {
    const lx: Lexer = this.lx;
    if (lx.kind() !== 'number' || !Number.isSafeInteger(lx.num)) {
      lx.fail('INVALID_PARAMETER', `expected a whole number for the ${what}, found ${lx.describe()}`);
    }
    const n = lx.num;
    lx.next();
    return n;
  }

  /** `enum := quoted ("|" quoted)+`, at least two distinct values. */
  private enumType(): ScalarType {
    const lx: Lexer = this.lx;
    const line = lx.line;
    const column = lx.column;
    const values = [lx.text];
    lx.next();
    while (lx.kind() === '|') {
      lx.next();
      if (lx.kind() !== 'string') lx.fail('INVALID_ENUM', `expected a quoted value after "|", found ${lx.describe()}`);
      if (values.includes(lx.text)) {
        lx.fail('INVALID_ENUM', `expected distinct enum values, found ${JSON.stringify(lx.text)} twice`);
      }
      values.push(lx.text);
      lx.next();
    }
    if (values.length < 2) {
      lx.failAt(
        'INVALID_ENUM',
        `expected at least two quoted values separated by "|" (e.g. "a" | "b"), found only ${JSON.stringify(values[0])}`,
        line,
        column,
      );
    }
    return { kind: 'enum', values };
  }

  /** `default := "=" literal | "=" fn "()"`, type-checked against the field. */
  private defaultValue(type: ScalarType, isArray: boolean, required: boolean): DefaultValue {
    const lx: Lexer = this.lx;
    this.defaultWritten = true;
    const line = (this.defaultLine = lx.line);
    const column = (this.defaultColumn = lx.column);
    if (this.atEnd()) lx.fail('UNEXPECTED_END', `expected a default value after "=", found ${this.found()}`);
    let def: DefaultValue;
    if (lx.kind() === 'identifier' && (lx.text === 'now' || lx.text === 'uuid')) {
      const fn = lx.text;
      lx.next();
      if (lx.kind() !== '(') lx.fail('INVALID_DEFAULT', `expected "()" after ${fn}, found ${this.found()}`);
      lx.next();
      if (lx.kind() !== ')') lx.fail('INVALID_DEFAULT', `expected ")" after "${fn}(", found ${lx.describe()}`);
      lx.next();
      def = fn === 'now' ? NOW_DEFAULT : UUID_DEFAULT;
    } else {
      def = { kind: 'literal', value: parseLiteral(lx, type.kind === 'decimal') };
    }
    const problem = checkDefault(type, isArray, required, def);
    if (problem !== undefined) lx.failAt('INVALID_DEFAULT', problem, line, column);
    return def;
  }

  /**
   * `relation := op Target ("." inverse)? ("[]")?`, without the trailing
   * `!`/`?` (see `relationField`).
   */
  parseRelationCore(): RelationDefinition {
    const lx: Lexer = this.lx;
    const op = lx.kind();
    if (!isRelationOp(op)) {
      lx.fail('INVALID_RELATION', `expected a relation operator (->, ~>, <- or <~) first, found ${this.found()}`);
    }
    lx.next();
    if (lx.kind() !== 'identifier' || (this.textMode && lx.newlineBefore)) {
      lx.fail('INVALID_RELATION', `expected a target collection after "${op}" (e.g. "${op} User"), found ${this.found()}`);
    }
    const target = lx.text;
    // The lexer already limits identifiers to [A-Za-z0-9_$]; what is left of the pattern is cheap to check.
    const c0 = target.charCodeAt(0);
    if (c0 < 65 || c0 > 90 || target.includes('$')) {
      lx.fail(
        'INVALID_RELATION',
        `expected a target collection name matching ^[A-Z][A-Za-z0-9_]*$ (e.g. "User"), found ${JSON.stringify(target)}`,
      );
    }
    this.targetLine = lx.line;
    this.targetColumn = lx.column;
    lx.next();
    let inverse: string | undefined;
    if (this.at('.')) {
      lx.next();
      const c0 = lx.text.charCodeAt(0);
      if (lx.kind() !== 'identifier' || !((c0 >= 97 && c0 <= 122) || c0 === 95) || lx.text.includes('$')) {
        lx.fail('INVALID_RELATION', `expected a field name after "${target}.", found ${lx.describe()}`);
      }
      inverse = lx.text;
      this.inverseLine = lx.line;
      this.inverseColumn = lx.column;
      lx.next();
    }
    if (!isForwardOperator(op) && inverse === undefined) {
      lx.fail(
        'INVALID_RELATION',
        `expected ".field" after "${op} ${target}" (a backward relation names the forward field, e.g. "${op} ${target}.author"), found ${this.found()}`,
      );
    }
    let many = false;
    if (this.at('[')) {
      lx.next();
      if (lx.kind() !== ']') lx.fail('INVALID_RELATION', `expected "]" after "[" in a relation, found ${lx.describe()}`);
      lx.next();
      many = true;
    }
    const rel: Mutable<RelationDefinition> = { operator: op, target, many };
    if (inverse !== undefined) rel.inverse = inverse;
    return rel;
  }

  /** A relation's trailing `!`/`?`, then the end of the type. Returns whether `!` was written. */
  parseRelationTail(rel: RelationDefinition): boolean {
    const lx: Lexer = this.lx;
    let mods = 0;
    while (!this.atEnd()) {
      const k = lx.kind();
      if (k === '#') {
        lx.fail('INVALID_RELATION', `expected "!", "?" or the end of the relation (relations are not "#"-indexed), found "#"`);
      }
      const bit = k === '!' ? REQUIRED : k === '?' ? OPTIONAL : 0;
      if (bit === 0) break;
      if (!isForwardOperator(rel.operator)) {
        lx.fail(
          'INVALID_RELATION',
          `expected nothing after a backward relation (it stores nothing, so it is neither required nor optional), found "${k}"`,
        );
      }
      if ((mods & bit) !== 0) lx.fail('DUPLICATE_MODIFIER', `expected each modifier at most once, found a second "${k}"`);
      if (mods !== 0) lx.fail('CONFLICTING_MODIFIERS', `expected either "!" (required) or "?" (optional), found both`);
      mods |= bit;
      lx.next();
    }
    this.optionalMarked = (mods & OPTIONAL) !== 0;
    if (this.atEnd()) return (mods & REQUIRED) !== 0;
    if (this.at('=')) lx.fail('INVALID_RELATION', `expected no default on a relation, found "="`);
    if (this.at('[') && mods !== 0) {
      lx.fail('INVALID_MODIFIER_POSITION', `expected "[]" before the modifier (e.g. "-> User[]?"), found "["`);
    }
    lx.fail('UNEXPECTED_TOKEN', `expected "!", "?" or the end of the relation, found ${this.found()}`);
  }

  private relationField(name: string): FieldDefinition {
    const relation = this.parseRelationCore();
    const required = this.parseRelationTail(relation);
    return {
      name,
      type: PRIMITIVE_TYPES.string,
      isArray: isForwardOperator(relation.operator) && relation.many,
      required,
      indexed: false,
      unique: false,
      relation,
    };
  }
}
