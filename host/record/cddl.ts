/**
 * A small CDDL (RFC 8610) parser and validator for the subset the record schema uses: rules, type
 * choices (/), the prelude types, integer and text literals, integer ranges (a..b), the .size control
 * (with a value or a range), maps with `key => type` and `name: type` entries, arrays, and the
 * occurrence indicators ?, *, + and n*m. Maps are closed: a key no entry matches is an error.
 * Groups as rules, group choices (//), sockets, generics and other controls are not supported and
 * are refused when the schema is parsed, so the schema can never silently mean less than it says.
 * The validator works on the typed CBOR tree of cbor-scan.ts, so uint, nint and float are told apart.
 */
import type { Item } from './cbor-scan.ts';

export class CddlError extends Error {
  constructor(
    message: string,
    readonly code: 'cddl-syntax' | 'cddl-unsupported' | 'cddl-undefined',
  ) {
    super(message);
    this.name = 'CddlError';
  }
}

type Prim = 'uint' | 'nint' | 'int' | 'float' | 'number' | 'tstr' | 'bstr' | 'bool' | 'true' | 'false' | 'null' | 'any';
const PRELUDE: Record<string, Prim> = {
  uint: 'uint', nint: 'nint', int: 'int', float: 'float', float16: 'float', float32: 'float', float64: 'float',
  'float16-32': 'float', 'float32-64': 'float', number: 'number', tstr: 'tstr', text: 'tstr', bstr: 'bstr',
  bytes: 'bstr', bool: 'bool', true: 'true', false: 'false', null: 'null', nil: 'null', any: 'any',
};

export type Type1 =
  | { k: 'prim'; p: Prim }
  | { k: 'ref'; name: string }
  | { k: 'int'; v: number }
  | { k: 'text'; v: string }
  | { k: 'range'; lo: number; hi: number }
  | { k: 'size'; base: Type1; lo: number; hi: number }
  | { k: 'map'; entries: Entry[] }
  | { k: 'array'; entries: Entry[] }
  | { k: 'paren'; t: TypeExpr };
export interface TypeExpr {
  options: Type1[];
}
export interface Entry {
  min: number;
  max: number;
  key: Type1 | null;
  type: TypeExpr;
  label: string;
}

interface Tok {
  v: string;
  kind: 'name' | 'num' | 'str' | 'punct' | 'ctl';
  line: number;
}

function tokenize(src: string): { toks: Tok[]; comments: Map<number, string> } {
  const toks: Tok[] = [];
  const comments = new Map<number, string>();
  let i = 0;
  let line = 1;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '\n') {
      line++;
      i++;
    } else if (/\s/.test(ch)) i++;
    else if (ch === ';') {
      const end = src.indexOf('\n', i);
      const text = src.slice(i + 1, end < 0 ? src.length : end).trim();
      if (!comments.has(line)) comments.set(line, text);
      i = end < 0 ? src.length : end;
    } else if (ch === '"') {
      const end = src.indexOf('"', i + 1);
      if (end < 0) throw new CddlError(`line ${line}: unterminated text literal`, 'cddl-syntax');
      toks.push({ v: src.slice(i + 1, end), kind: 'str', line });
      i = end + 1;
    } else if (src.startsWith('=>', i)) {
      toks.push({ v: '=>', kind: 'punct', line });
      i += 2;
    } else if (src.startsWith('//', i)) throw new CddlError(`line ${line}: group choices (//) are not supported`, 'cddl-unsupported');
    else if (src.startsWith('...', i)) throw new CddlError(`line ${line}: exclusive ranges (...) are not supported`, 'cddl-unsupported');
    else if (src.startsWith('..', i)) {
      toks.push({ v: '..', kind: 'punct', line });
      i += 2;
    } else if (ch === '.' && /[a-z]/.test(src[i + 1] ?? '')) {
      const m = /^\.[a-z]+/.exec(src.slice(i))!;
      toks.push({ v: m[0], kind: 'ctl', line });
      i += m[0].length;
    } else if (/[-0-9]/.test(ch)) {
      const m = /^-?\d+(\.\d+)?/.exec(src.slice(i));
      if (!m) throw new CddlError(`line ${line}: bad number`, 'cddl-syntax');
      toks.push({ v: m[0], kind: 'num', line });
      i += m[0].length;
    } else if (/[A-Za-z@_$]/.test(ch)) {
      const m = /^[A-Za-z@_$](?:[-.]*[A-Za-z0-9@_$])*/.exec(src.slice(i))!;
      toks.push({ v: m[0], kind: 'name', line });
      i += m[0].length;
    } else if ('={}[](),:?*+/'.includes(ch)) {
      toks.push({ v: ch, kind: 'punct', line });
      i++;
    } else throw new CddlError(`line ${line}: unexpected character '${ch}'`, 'cddl-syntax');
  }
  return { toks, comments };
}

export type Schema = Map<string, TypeExpr>;

/** Parses CDDL text into rules (name -> type). The first rule is the root. */
export function parseCddl(src: string): { rules: Schema; root: string } {
  const { toks, comments } = tokenize(src);
  let p = 0;
  const peek = (o = 0): Tok | undefined => toks[p + o];
  const at = (): string => `line ${peek()?.line ?? 'end'}`;
  const expect = (v: string): Tok => {
    const t = toks[p];
    if (!t || t.v !== v || t.kind === 'str') throw new CddlError(`${at()}: expected '${v}', found '${t?.v ?? 'end of schema'}'`, 'cddl-syntax');
    p++;
    return t;
  };

  const primary = (): Type1 => {
    const t = toks[p++];
    if (!t) throw new CddlError('unexpected end of schema', 'cddl-syntax');
    if (t.kind === 'num') {
      if (t.v.includes('.')) throw new CddlError(`line ${t.line}: float literals are not supported`, 'cddl-unsupported');
      return { k: 'int', v: Number(t.v) };
    }
    if (t.kind === 'str') return { k: 'text', v: t.v };
    if (t.kind === 'name') {
      if (peek()?.v === '<') throw new CddlError(`line ${t.line}: generics are not supported`, 'cddl-unsupported');
      return PRELUDE[t.v] ? { k: 'prim', p: PRELUDE[t.v]! } : { k: 'ref', name: t.v };
    }
    if (t.v === '{' || t.v === '[') {
      const entries = group(t.v === '{' ? '}' : ']', t.v === '{');
      return { k: t.v === '{' ? 'map' : 'array', entries };
    }
    if (t.v === '(') {
      const inner = typeExpr();
      expect(')');
      return { k: 'paren', t: inner };
    }
    throw new CddlError(`line ${t.line}: unexpected '${t.v}'`, 'cddl-syntax');
  };

  const intOf = (t: Type1, what: string): number => {
    if (t.k !== 'int') throw new CddlError(`${at()}: ${what} must be an integer literal`, 'cddl-unsupported');
    return t.v;
  };

  const type1 = (): Type1 => {
    let t = primary();
    if (peek()?.v === '..') {
      p++;
      t = { k: 'range', lo: intOf(t, 'a range bound'), hi: intOf(primary(), 'a range bound') };
    }
    const c = peek();
    if (c?.kind === 'ctl') {
      if (c.v !== '.size') throw new CddlError(`line ${c.line}: control ${c.v} is not supported`, 'cddl-unsupported');
      p++;
      let arg = primary();
      if (arg.k === 'paren' && arg.t.options.length === 1) arg = arg.t.options[0]!;
      if (arg.k === 'int') t = { k: 'size', base: t, lo: arg.v, hi: arg.v };
      else if (arg.k === 'range') t = { k: 'size', base: t, lo: arg.lo, hi: arg.hi };
      else throw new CddlError(`line ${c.line}: .size takes an integer or a range`, 'cddl-unsupported');
    }
    return t;
  };

  const typeExpr = (first?: Type1): TypeExpr => {
    const options = [first ?? type1()];
    while (peek()?.v === '/' && peek()?.kind === 'punct') {
      p++;
      options.push(type1());
    }
    return { options };
  };

  const group = (close: string, isMap: boolean): Entry[] => {
    const entries: Entry[] = [];
    while (peek()?.v !== close) {
      const startLine = peek()?.line ?? 0;
      let min = 1;
      let max = 1;
      const t = peek();
      if (t?.v === '?') [min, max, p] = [0, 1, p + 1];
      else if (t?.v === '+') [min, max, p] = [1, Infinity, p + 1];
      else if (t?.v === '*') [min, max, p] = [0, Infinity, p + 1];
      else if (t?.kind === 'num' && peek(1)?.v === '*') {
        min = Number(t.v);
        p += 2;
        max = peek()?.kind === 'num' ? Number(toks[p++]!.v) : Infinity;
      }
      let key: Type1 | null = null;
      let type: TypeExpr;
      let label = '';
      if (peek()?.kind === 'name' && peek(1)?.v === ':') {
        label = toks[p]!.v;
        if (isMap) key = { k: 'text', v: label };
        p += 2;
        type = typeExpr();
      } else {
        const first = type1();
        if (peek()?.v === '=>') {
          if (!isMap) throw new CddlError(`${at()}: '=>' inside an array`, 'cddl-syntax');
          p++;
          key = first;
          type = typeExpr();
        } else {
          if (isMap) throw new CddlError(`${at()}: map entries need a key (groups as map entries are not supported)`, 'cddl-unsupported');
          type = typeExpr(first);
        }
      }
      if (!label) label = /^[A-Za-z_][A-Za-z0-9_]*/.exec(comments.get(startLine) ?? '')?.[0] ?? '';
      entries.push({ min, max, key, type, label });
      if (peek()?.v === ',') p++;
      else if (peek()?.v !== close) throw new CddlError(`${at()}: expected ',' or '${close}', found '${peek()?.v ?? 'end of schema'}'`, 'cddl-syntax');
    }
    p++;
    return entries;
  };

  const rules: Schema = new Map();
  let root = '';
  while (p < toks.length) {
    const name = toks[p];
    if (!name || name.kind !== 'name') throw new CddlError(`${at()}: expected a rule name`, 'cddl-syntax');
    p++;
    expect('=');
    if (rules.has(name.v)) throw new CddlError(`line ${name.line}: rule ${name.v} defined twice`, 'cddl-syntax');
    rules.set(name.v, typeExpr());
    root ||= name.v;
  }
  for (const [name, t] of rules) checkRefs(t, rules, name);
  return { rules, root };
}

function checkRefs(t: TypeExpr, rules: Schema, where: string): void {
  const visit = (x: Type1): void => {
    if (x.k === 'ref' && !rules.has(x.name)) throw new CddlError(`rule ${where} uses undefined ${x.name}`, 'cddl-undefined');
    if (x.k === 'size') visit(x.base);
    if (x.k === 'paren') checkRefs(x.t, rules, where);
    if (x.k === 'map' || x.k === 'array')
      for (const e of x.entries) {
        if (e.key) visit(e.key);
        checkRefs(e.type, rules, where);
      }
  };
  t.options.forEach(visit);
}

// ---------------------------------------------------------------------------------------------
// Validation

/** A mismatch: where (a path of labels and keys) and what was expected. */
export interface Mismatch {
  path: string;
  message: string;
  depth: number;
}

const describe = (it: Item): string => (it.t === 'uint' || it.t === 'nint' || it.t === 'float' ? `${it.t} ${it.v}` : it.t === 'tstr' ? `tstr "${it.v.slice(0, 40)}"` : it.t);

const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8');

export class Validator {
  constructor(
    private readonly rules: Schema,
    private readonly root: string,
  ) {}

  /** Returns null when `item` matches the root rule, else the mismatch that got furthest. */
  validate(item: Item): Mismatch | null {
    return this.expr(item, this.rules.get(this.root)!, this.root, 0);
  }

  private expr(it: Item, t: TypeExpr, path: string, depth: number): Mismatch | null {
    let best: Mismatch | null = null;
    for (const o of t.options) {
      const m = this.type1(it, o, path, depth);
      if (!m) return null;
      if (!best || m.depth > best.depth) best = m;
    }
    if (t.options.length > 1 && best && best.depth === depth) return { path, message: `${describe(it)} matches none of: ${t.options.map(show).join(' / ')}`, depth };
    return best;
  }

  private type1(it: Item, t: Type1, path: string, depth: number): Mismatch | null {
    // no closures on this hot path (tsx's keepNames wraps each one in a defineProperty call)
    switch (t.k) {
      case 'prim':
        return primMatches(it, t.p) ? null : fail(it, t.p, path, depth);
      case 'ref':
        return this.expr(it, this.rules.get(t.name)!, path, depth);
      case 'paren':
        return this.expr(it, t.t, path, depth);
      case 'int':
        return (it.t === 'uint' || it.t === 'nint') && it.v === t.v ? null : fail(it, String(t.v), path, depth);
      case 'text':
        return it.t === 'tstr' && it.v === t.v ? null : fail(it, `"${t.v}"`, path, depth);
      case 'range':
        return (it.t === 'uint' || it.t === 'nint') && it.v >= t.lo && it.v <= t.hi ? null : fail(it, `an integer in ${t.lo}..${t.hi}`, path, depth);
      case 'size': {
        const m = this.type1(it, t.base, path, depth);
        if (m) return m;
        const n = it.t === 'tstr' ? utf8Length(it.v) : it.t === 'bstr' ? it.v.length : -1;
        return n >= t.lo && n <= t.hi ? null : { path, message: `size ${n} bytes outside ${t.lo}..${t.hi}`, depth: depth + 1 };
      }
      case 'array':
        return it.t === 'array' ? this.array(it.v, t.entries, path, depth + 1) : fail(it, 'an array', path, depth);
      case 'map':
        return it.t === 'map' ? this.map(it.v, t.entries, path, depth + 1) : fail(it, 'a map', path, depth);
    }
  }

  private array(items: Item[], entries: Entry[], path: string, depth: number): Mismatch | null {
    let i = 0;
    for (const [n, e] of entries.entries()) {
      let count = 0;
      while (count < e.max && i < items.length) {
        const m = this.expr(items[i]!, e.type, `${path}[${i}]`, depth);
        if (m) {
          if (count < e.min) return m;
          break;
        }
        i++;
        count++;
      }
      if (count < e.min) return { path, message: `array too short: entry ${e.label || n} missing at index ${i}`, depth };
    }
    if (i < items.length) return { path: `${path}[${i}]`, message: `unexpected extra array element (${describe(items[i]!)})`, depth };
    return null;
  }

  private map(pairs: [Item, Item][], entries: Entry[], path: string, depth: number): Mismatch | null {
    const used = new Array<boolean>(pairs.length).fill(false);
    // literal keys are looked up by identity; other key types scan the keys not yet matched
    const index = new Map<string, number>();
    pairs.forEach(([k], j) => index.set(literalId(k), j));
    for (const e of entries) {
      const key = e.key!;
      let count = 0;
      const lit = literalKey(key, this.rules);
      const hit = lit !== null ? index.get(lit) : undefined;
      const candidates = lit === null ? pairs.keys() : hit === undefined ? [] : [hit];
      for (const j of candidates) {
        const [k, v] = pairs[j]!;
        if (used[j] || (lit === null && !(key.k === 'prim' ? primMatches(k, key.p) : this.type1(k, key, path, depth) === null))) continue;
        used[j] = true;
        count++;
        const m = this.expr(v, e.type, entryPath(path, e.label, k), depth);
        if (m) return m;
      }
      if (count < e.min) return { path, message: `missing key ${show(key)}${e.label ? ` (${e.label})` : ''}`, depth };
      if (count > e.max) return { path, message: `key ${show(key)} occurs ${count} times, at most ${e.max}`, depth };
    }
    const extra = used.indexOf(false);
    if (extra >= 0) return { path, message: `unexpected key ${describe(pairs[extra]![0])}`, depth };
    return null;
  }
}

/** Identity of a scalar item as a literal key ('' for items that cannot be literal keys). */
function literalId(k: Item): string {
  if (k.t === 'uint' || k.t === 'nint') return `i${k.v}`;
  if (k.t === 'tstr') return `s${k.v}`;
  return '';
}

/** The literal a key type stands for (an int or text literal, possibly through rules), else null. */
function literalKey(t: Type1, rules: Schema): string | null {
  if (t.k === 'int') return `i${t.v}`;
  if (t.k === 'text') return `s${t.v}`;
  if (t.k === 'ref') {
    const r = rules.get(t.name);
    return r && r.options.length === 1 ? literalKey(r.options[0]!, rules) : null;
  }
  if (t.k === 'paren' && t.t.options.length === 1) return literalKey(t.t.options[0]!, rules);
  return null;
}

function fail(it: Item, what: string, path: string, depth: number): Mismatch {
  return { path, message: `expected ${what}, got ${describe(it)}`, depth };
}

function entryPath(path: string, label: string, k: Item): string {
  return label ? `${path}.${label}(${describe(k)})` : `${path}.${describe(k)}`;
}

function primMatches(it: Item, p: Prim): boolean {
  switch (p) {
    case 'any':
      return true;
    case 'int':
      return it.t === 'uint' || it.t === 'nint';
    case 'number':
      return it.t === 'uint' || it.t === 'nint' || it.t === 'float';
    case 'true':
    case 'false':
      return it.t === 'bool' && it.v === (p === 'true');
    default:
      return it.t === p;
  }
}

function show(t: Type1): string {
  switch (t.k) {
    case 'prim':
      return t.p;
    case 'ref':
      return t.name;
    case 'int':
      return String(t.v);
    case 'text':
      return `"${t.v}"`;
    case 'range':
      return `${t.lo}..${t.hi}`;
    case 'size':
      return `${show(t.base)} .size ${t.lo}..${t.hi}`;
    case 'paren':
      return `(${t.t.options.map(show).join(' / ')})`;
    default:
      return t.k;
  }
}
