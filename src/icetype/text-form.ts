/**
 * The text form of ICETYPE.md §7: several collections in one text, each
 * `Name @directive(...)* { field: type (@unique)? (@doc("..."))? ... }`.
 * Fields end at a line break or `,`; `//` starts a comment. Directives are
 * turned into their object-form values and read by the same code as the
 * object form, so both forms give equal structures; positions go to the
 * side table of `source-map.ts`.
 *
 * Directive syntax (each maps to the object form shown):
 *
 * | text | object form |
 * |---|---|
 * | `@partitionBy(tenantId, region)` | `$partitionBy: ['tenantId', 'region']` |
 * | `@index(email)` (repeatable, one index each) | `$index: [['email']]` |
 * | `@index(tenantId, email, unique: true)` | `$index: [{ fields: ['tenantId', 'email'], unique: true }]` |
 * | `@unique(tenantId, email)` (repeatable) | `$unique: [['tenantId', 'email']]` |
 * | `@fts(title, body)` | `$fts: ['title', 'body']` |
 * | `@vector(embedding)` | `$vector: ['embedding']` |
 * | `@vector(embedding: 768)` | `$vector: { embedding: 768 }` |
 * | `@storage(batched)` / `@storage(rows)` | `$storage: 'batched'` |
 * | `@cdc(false)` | `$cdc: false` |
 * | `@strict(false)` | `$strict: false` |
 *
 * After a field's type: `@unique` (field object `unique: true`) and
 * `@doc("text")` (field object `doc`).
 */
import { onDeleteProblem } from './field-object.js';
import type { FieldDefinition, IceTypeSchema, IssueCode, OnDeleteAction, SchemaIssue } from './ast.js';
import { readDirectives } from './directives.js';
import { IceTypeParseError, makeIssue, type SourcePosition } from './errors.js';
import { TypeStringParser } from './field-parser.js';
import { checkCollectionName, checkFieldName } from './names.js';
import { Reporter } from './reporter.js';
import { checkSchemaRules } from './schema-checks.js';
import { attachPositions, pathKey } from './source-map.js';
import { Lexer } from './tokenizer.js';
import { readTextDirective } from './text-directives.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

class TextFormParser {
  private readonly lx: Lexer;
  private readonly tp: TypeStringParser;
  private readonly rep = new Reporter();
  private readonly schemas: IceTypeSchema[] = [];
  private readonly names = new Map<string, SourcePosition>();
  private lastErrorLine = 0;

  constructor(text: string) {
    this.lx = new Lexer(text, true);
    this.tp = new TypeStringParser(this.lx, true);
  }

  run(): IceTypeSchema[] {
    this.advance();
    while (this.lx.kind() !== 'eof') this.collection();
    if (this.rep.errors.length > 0) {
      const sorted = [...this.rep.errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
      throw new IceTypeParseError(sorted);
    }
    return this.schemas;
  }

  // ---- errors and recovery -------------------------------------------------

  private record(issues: readonly SchemaIssue[]): void {
    for (const issue of issues) {
      this.rep.errors.push(issue);
      this.lastErrorLine = issue.line ?? this.lastErrorLine;
    }
  }

  private errorHere(code: IssueCode, message: string, path: readonly string[], line = this.lx.line, column = this.lx.column): void {
    this.record([makeIssue(code, message, path, { line, column })]);
  }

  private caught(e: unknown): void {
    if (!(e instanceof IceTypeParseError)) throw e;
    this.record(e.issues);
  }

  /** `next()` that records tokenizer errors (one per line) and resumes after them. */
  private advance(): void {
    for (;;) {
      try {
        this.lx.next();
        return;
      } catch (e) {
        if (!(e instanceof IceTypeParseError)) throw e;
        if ((e.line ?? 0) > this.lastErrorLine) this.record(e.issues);
      }
    }
  }

  /** After an error in a field: skip to the next line, `,` or `}` outside the literal being read. */
  private recoverField(startOffset: number): void {
    const lx: Lexer = this.lx;
    let depth = lx.nesting;
    lx.nesting = 0;
    if (lx.broken) this.advance();
    for (;;) {
      const k = lx.kind();
      if (k === 'eof') return;
      const progressed = lx.start !== startOffset;
      if (depth === 0 && progressed && (k === '}' || lx.newlineBefore)) return;
      if (depth === 0 && progressed && k === ',') {
        this.advance();
        return;
      }
      if (k === '[' || k === '{' || k === '(') depth++;
      else if ((k === ']' || k === '}' || k === ')') && depth > 0) depth--;
      this.advance();
    }
  }

  /** After an error in a directive: skip to the next `@` or `{` outside parentheses. */
  private recoverDirective(): void {
    const lx: Lexer = this.lx;
    if (lx.broken) this.advance();
    let depth = 0;
    let first = true;
    for (;;) {
      const k = lx.kind();
      if (k === 'eof') return;
      if (depth === 0 && (k === '{' || (k === '@' && !first))) return;
      if (k === '(') depth++;
      else if (k === ')') {
        if (depth <= 1) {
          this.advance();
          return;
        }
        depth--;
      }
      first = false;
      this.advance();
    }
  }

  /**
   * After an error between collections: skip to a capitalised name at the
   * start of a line, outside braces. (The current token is never the name that started
   * the failed collection: `collection()` has consumed it.)
   */
  private recoverTopLevel(): void {
    const lx: Lexer = this.lx;
    if (lx.broken) this.advance();
    let depth = 0;
    for (;;) {
      const k = lx.kind();
      if (k === 'eof') return;
      // Collection names start upper-case, field names lower-case: a capitalised name opening a line starts the next collection.
      const c0 = lx.text.charCodeAt(0);
      if (depth === 0 && k === 'identifier' && lx.newlineBefore && c0 >= 65 && c0 <= 90) return;
      if (k === '{') depth++;
      else if (k === '}' && depth > 0) {
        depth--;
        if (depth === 0) {
          this.advance();
          return;
        }
      }
      this.advance();
    }
  }

  // ---- grammar -------------------------------------------------------------

  /** `collection := Name directive* "{" field* "}"` */
  private collection(): void {
    const lx: Lexer = this.lx;
    lx.path = [];
    if (lx.kind() !== 'identifier') {
      this.errorHere('UNEXPECTED_TOKEN', `expected a collection name such as "User", found ${lx.describe()}`, []);
      this.recoverTopLevel();
      return;
    }
    const name = lx.text;
    const positions = new Map<string, SourcePosition>();
    const namePos = { line: lx.line, column: lx.column };
    positions.set(name, namePos);
    const badName = checkCollectionName(name);
    if (badName !== undefined) this.errorHere(badName.code, badName.message, [name]);
    const firstSeen = this.names.get(name);
    if (firstSeen !== undefined) {
      this.errorHere(
        'DUPLICATE_COLLECTION',
        `expected each collection once, found ${name} again (first at ${firstSeen.line}:${firstSeen.column})`,
        [name],
      );
    } else this.names.set(name, namePos);
    lx.path = [name];
    this.advance();

    const directives: Record<string, unknown> = {};
    while (lx.kind() === '@') {
      const at = { line: lx.line, column: lx.column };
      try {
        readTextDirective(lx, name, directives, positions, at);
      } catch (e) {
        this.caught(e);
        this.recoverDirective();
      }
      lx.path = [name];
    }
    if (lx.kind() !== '{') {
      this.errorHere(
        lx.kind() === 'eof' ? 'UNEXPECTED_END' : 'UNEXPECTED_TOKEN',
        `expected "{" or a directive such as @index(email) after ${name}, found ${lx.describe()}`,
        [name],
      );
      this.recoverTopLevel();
      return;
    }
    this.advance();

    const fields = new Map<string, FieldDefinition>();
    const fieldPos = new Map<string, SourcePosition>();
    const broken = new Set<string>();
    for (;;) {
      if (lx.kind() === '}') {
        this.advance();
        break;
      }
      if (lx.kind() === 'eof') {
        this.errorHere('UNEXPECTED_END', `expected "}" to close ${name}, found end of input`, [name]);
        break;
      }
      const start = lx.start;
      try {
        this.field(name, fields, fieldPos, positions);
      } catch (e) {
        this.caught(e);
        if (lx.path.length === 2) broken.add(lx.path[1]!);
        this.recoverField(start);
      }
    }

    const schema: IceTypeSchema = {
      name,
      fields,
      directives: readDirectivesAt(directives, name, this.rep, positions),
    };
    this.rep.positions = positions;
    checkSchemaRules(schema, this.rep, false, broken);
    this.rep.positions = undefined;
    attachPositions(schema, positions);
    this.schemas.push(schema);
  }

  /** `field := name ":" type ("@unique" | "@doc(" string ")" | "@onDelete(" action ")")* ("," | line break | "}")` */
  private field(
    collection: string,
    fields: Map<string, FieldDefinition>,
    fieldPos: Map<string, SourcePosition>,
    positions: Map<string, SourcePosition>,
  ): void {
    const lx: Lexer = this.lx;
    lx.nesting = 0;
    if (lx.kind() !== 'identifier') {
      lx.fail('UNEXPECTED_TOKEN', `expected a field name or "}", found ${lx.describe()}`);
    }
    const name = lx.text;
    const path = [collection, name];
    lx.path = path;
    const pos = { line: lx.line, column: lx.column };
    const bad = checkFieldName(name);
    if (bad !== undefined) this.errorHere(bad.code, bad.message, path);
    const first = fieldPos.get(name);
    if (first !== undefined) {
      this.errorHere('DUPLICATE_FIELD', `expected each field once, found ${name} again (first at ${first.line}:${first.column})`, path);
    }
    lx.next();
    if (lx.kind() !== ':' || lx.newlineBefore) {
      lx.fail('UNEXPECTED_TOKEN', `expected ":" after the field name ${name}, found ${lx.newlineBefore ? 'end of line' : lx.describe()}`);
    }
    lx.next();
    let field: Mutable<FieldDefinition> = this.tp.parseField(name);
    const tp = this.tp;
    const typePos = { line: tp.typeLine, column: tp.typeColumn };
    const defaultPos = tp.defaultLine > 0 ? { line: tp.defaultLine, column: tp.defaultColumn } : undefined;
    const targetPos = tp.targetLine > 0 ? { line: tp.targetLine, column: tp.targetColumn } : undefined;
    const inversePos = tp.inverseLine > 0 ? { line: tp.inverseLine, column: tp.inverseColumn } : undefined;

    let unique = false;
    let doc: string | undefined;
    let onDelete: OnDeleteAction | undefined;
    while (lx.kind() === '@' && !lx.newlineBefore) {
      lx.next();
      const attrLine = lx.line;
      const attrColumn = lx.column;
      if (lx.kind() === 'identifier' && lx.text === 'unique') {
        if (unique) lx.fail('INVALID_FIELD_OBJECT', 'expected @unique at most once, found it again');
        const rel = field.relation;
        if (rel !== undefined && rel.operator !== '->') {
          lx.fail('INVALID_FIELD_OBJECT', `expected @unique only on stored fields, found it on a "${rel.operator}" relation`);
        }
        unique = true;
        lx.next();
      } else if (lx.kind() === 'identifier' && lx.text === 'doc') {
        if (doc !== undefined) lx.fail('INVALID_FIELD_OBJECT', 'expected @doc at most once, found it again');
        lx.next();
        if (lx.kind() !== '(') lx.fail('UNEXPECTED_TOKEN', `expected "(" after @doc, found ${lx.describe()}`);
        lx.next();
        if (lx.kind() !== 'string') lx.fail('UNEXPECTED_TOKEN', `expected a quoted string in @doc(...), found ${lx.describe()}`);
        doc = lx.text;
        lx.next();
        if (lx.kind() !== ')') lx.fail('UNEXPECTED_TOKEN', `expected ")" to close @doc(...), found ${lx.describe()}`);
        lx.next();
      } else if (lx.kind() === 'identifier' && lx.text === 'onDelete') {
        if (onDelete !== undefined) lx.fail('INVALID_FIELD_OBJECT', 'expected @onDelete at most once, found it again');
        lx.next();
        if (lx.kind() !== '(') lx.fail('UNEXPECTED_TOKEN', `expected "(" after @onDelete, found ${lx.describe()}`);
        lx.next();
        const words: string[] = [];
        while (lx.kind() === 'identifier') {
          words.push(lx.text);
          lx.next();
        }
        const action = words.join(' ');
        if (words.length === 0) lx.fail('UNEXPECTED_TOKEN', `expected restrict, cascade or set null in @onDelete(...), found ${lx.describe()}`);
        const bad = onDeleteProblem(field, action);
        if (bad !== undefined) lx.fail(bad.code, bad.message.replace('onDelete', '@onDelete'));
        onDelete = action as OnDeleteAction;
        if (lx.kind() !== ')') lx.fail('UNEXPECTED_TOKEN', `expected ")" to close @onDelete(...), found ${lx.describe()}`);
        lx.next();
      } else {
        lx.failAt(
          'UNKNOWN_DIRECTIVE',
          `expected @unique, @doc("...") or @onDelete(...) after a field's type, found ${lx.kind() === 'identifier' ? `"@${lx.text}"` : lx.describe()}`,
          attrLine,
          attrColumn,
        );
      }
    }
    if (lx.kind() === ',') this.advance();
    else if (lx.kind() !== '}' && lx.kind() !== 'eof' && !lx.newlineBefore) {
      lx.fail('UNEXPECTED_TOKEN', `expected a line break, "," or "}" after the field, found ${lx.describe()}`);
    }

    if (unique || doc !== undefined || onDelete !== undefined) {
      field = { ...field };
      if (unique) field.unique = true;
      if (doc !== undefined) field.doc = doc;
      if (onDelete !== undefined) field.onDelete = onDelete;
    }
    if (first === undefined) {
      fieldPos.set(name, pos);
      fields.set(name, field);
      positions.set(pathKey(path), pos);
      positions.set(pathKey([collection, name, 'type']), typePos);
      if (defaultPos !== undefined) positions.set(pathKey([collection, name, 'default']), defaultPos);
      if (targetPos !== undefined) positions.set(pathKey([collection, name, 'target']), targetPos);
      if (inversePos !== undefined) positions.set(pathKey([collection, name, 'inverse']), inversePos);
    }
  }

}

function readDirectivesAt(
  record: Record<string, unknown>,
  collection: string,
  rep: Reporter,
  positions: ReadonlyMap<string, SourcePosition>,
): IceTypeSchema['directives'] {
  rep.positions = positions;
  try {
    return readDirectives(record, collection, rep);
  } finally {
    rep.positions = undefined;
  }
}

/**
 * Parses the text form: any number of collections, each
 * `Name @directive(...)* { field: type ... }` (see this module's header for
 * the directive syntax). Returns structures equal to what `parseSchema`
 * gives for the equivalent objects; source positions are available through
 * `positionOf`. Throws `IceTypeParseError` with every issue, each at the
 * line:column of the offending token. Checks each collection on its own;
 * relations between collections are checked by `validateSchema`.
 *
 * @example
 * const [user] = parseSchemas(`
 *   User @partitionBy(tenantId) @index(email) {
 *     tenantId: string!
 *     email: string# @unique
 *     posts: <- Post.author[]
 *   }
 * `)
 */
export function parseSchemas(text: string): IceTypeSchema[] {
  if (typeof text !== 'string') {
    throw new IceTypeParseError([makeIssue('INVALID_SCHEMA', `expected schema text, found ${typeof text}`, [])]);
  }
  return new TextFormParser(text).run();
}

