/**
 * A small GraphQL query parser for the fake API: operations with variables, aliases,
 * arguments (literals, lists, objects, enums, $variables), inline fragments and nested
 * selections. Enough for the queries audit-ci sends; fragments spreads, directives and
 * mutations are refused with an error, as an unsupported query should fail loudly.
 */

export type Value = null | boolean | number | string | Value[] | { [k: string]: Value } | { $var: string };

export interface Field {
  kind: 'field';
  alias: string | null;
  name: string;
  args: Record<string, Value>;
  selections: Selection[];
}

export interface Fragment {
  kind: 'fragment';
  on: string;
  selections: Selection[];
}

export type Selection = Field | Fragment;

export class GraphqlSyntaxError extends Error {}

const TOKEN =
  /\s+|,|#[^\n]*|(\.\.\.|[{}()[\]:!$=@])|([_A-Za-z][_0-9A-Za-z]*)|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|("(?:[^"\\]|\\.)*")/y;

function tokenize(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new GraphqlSyntaxError(`Parse error on "${text.slice(at, at + 10)}" at offset ${at}`);
    const tok = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (tok !== undefined) out.push(tok);
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: string[]) {}

  peek(): string | undefined {
    return this.toks[this.i];
  }
  next(): string {
    const t = this.toks[this.i++];
    if (t === undefined) throw new GraphqlSyntaxError('Parse error: unexpected end of document');
    return t;
  }
  expect(t: string): void {
    const got = this.next();
    if (got !== t) throw new GraphqlSyntaxError(`Parse error: expected "${t}", got "${got}"`);
  }
  name(): string {
    const t = this.next();
    if (!/^[_A-Za-z]/.test(t)) throw new GraphqlSyntaxError(`Parse error: expected a name, got "${t}"`);
    return t;
  }

  document(): Selection[] {
    if (this.peek() === 'query') {
      this.next();
      if (this.peek() !== '{' && this.peek() !== '(') this.name();
      if (this.peek() === '(') this.skipVariableDefinitions();
    } else if (this.peek() !== '{') {
      throw new GraphqlSyntaxError(`Parse error: only queries are supported, got "${this.peek()}"`);
    }
    const sel = this.selectionSet();
    if (this.peek() !== undefined) throw new GraphqlSyntaxError('Parse error: one operation per document');
    return sel;
  }

  skipVariableDefinitions(): void {
    this.expect('(');
    while (this.peek() !== ')') {
      this.expect('$');
      this.name();
      this.expect(':');
      this.type();
      if (this.peek() === '=') {
        this.next();
        this.value();
      }
    }
    this.expect(')');
  }

  type(): void {
    if (this.peek() === '[') {
      this.next();
      this.type();
      this.expect(']');
    } else this.name();
    if (this.peek() === '!') this.next();
  }

  selectionSet(): Selection[] {
    this.expect('{');
    const out: Selection[] = [];
    while (this.peek() !== '}') out.push(this.selection());
    this.expect('}');
    if (out.length === 0) throw new GraphqlSyntaxError('Parse error: empty selection set');
    return out;
  }

  selection(): Selection {
    if (this.peek() === '...') {
      this.next();
      if (this.next() !== 'on') throw new GraphqlSyntaxError('Parse error: fragment spreads are not supported');
      const on = this.name();
      return { kind: 'fragment', on, selections: this.selectionSet() };
    }
    if (this.peek() === '@') throw new GraphqlSyntaxError('Parse error: directives are not supported');
    let alias: string | null = null;
    let name = this.name();
    if (this.peek() === ':') {
      this.next();
      alias = name;
      name = this.name();
    }
    const args: Record<string, Value> = {};
    if (this.peek() === '(') {
      this.next();
      while (this.peek() !== ')') {
        const key = this.name();
        this.expect(':');
        args[key] = this.value();
      }
      this.expect(')');
    }
    const selections = this.peek() === '{' ? this.selectionSet() : [];
    return { kind: 'field', alias, name, args, selections };
  }

  value(): Value {
    const t = this.next();
    if (t === '$') return { $var: this.name() };
    if (t === '[') {
      const list: Value[] = [];
      while (this.peek() !== ']') list.push(this.value());
      this.next();
      return list;
    }
    if (t === '{') {
      const obj: Record<string, Value> = {};
      while (this.peek() !== '}') {
        const key = this.name();
        this.expect(':');
        obj[key] = this.value();
      }
      this.next();
      return obj;
    }
    if (t.startsWith('"')) return JSON.parse(t) as string;
    if (/^-?\d/.test(t)) return Number(t);
    if (t === 'true' || t === 'false') return t === 'true';
    if (t === 'null') return null;
    return t; // an enum value
  }
}

export function parseQuery(text: string): Selection[] {
  return new Parser(tokenize(text)).document();
}

/** Arguments with $variables replaced by their values. */
export function resolveArgs(args: Record<string, Value>, vars: Record<string, unknown>): Record<string, unknown> {
  const sub = (v: Value): unknown => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && '$var' in v) return vars[v.$var as string];
    if (Array.isArray(v)) return v.map(sub);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sub(x)]));
    return v;
  };
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, sub(v)]));
}

/** Requests a query could make, GitHub's way: each connection once per possible parent. */
export function connectionRequests(selections: Selection[], vars: Record<string, unknown>, parents = 1): number {
  let total = 0;
  for (const s of selections) {
    if (s.kind === 'fragment') {
      total += connectionRequests(s.selections, vars, parents);
      continue;
    }
    const args = resolveArgs(s.args, vars);
    const size = (args.first ?? args.last) as number | undefined;
    let inner = parents;
    if (size !== undefined) {
      total += parents;
      inner = parents * size;
    } else if (Array.isArray(args.ids)) inner = parents * args.ids.length;
    total += connectionRequests(s.selections, vars, inner);
  }
  return total;
}
