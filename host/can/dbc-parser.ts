/**
 * A DBC (Vector CANdb++) text parser for the files real tools write: BO_, SG_ (Intel/Motorola,
 * signed, factor/offset, range, unit, receivers, multiplexing M / mN and extended multiplexing
 * mNM with SG_MUL_VAL_ ranges), VAL_, VAL_TABLE_, CM_, BA_DEF_ / BA_DEF_DEF_ / BA_ (signal and
 * message attributes; the long-name attributes SystemSignalLongSymbol / SystemMessageLongSymbol
 * replace the 32-character names), SIG_VALTYPE_ (float signals), Vector's pseudo-message
 * VECTOR__INDEPENDENT_SIG_MSG (kept apart, never decoded). Numbers in any notation JavaScript's
 * Number() reads (1e-05, 1E-005, .5, +2, 0x1F). Other sections (NS_, BS_, BU_, EV_, BO_TX_BU_,
 * SIG_GROUP_…) are read and skipped. Pure: text in, `Dbc` out, no I/O.
 *
 * Errors are DbcError with `code` 'syntax' (naming line and column) or 'semantic' (a signal that
 * does not fit 64 bits, a VAL_ for an unknown signal...).
 */
import { messageKey, type Dbc, type DbcMessage, type DbcSignal } from './dbc-types.ts';

export class DbcError extends Error {
  constructor(
    readonly code: 'syntax' | 'semantic' | 'io',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DbcError';
  }
}

const EXTENDED_FLAG = 0x80000000;
/** Id of Vector's pseudo-message that holds signals not sent in any frame (0x80000000 | 0x40000000). */
const INDEPENDENT_SIG_MSG_ID = 0xc0000000;
const LONG_NAME_ATTRIBUTES = { signal: ['SystemSignalLongSymbol', 'SYSTEM_SIGNAL_LONG_SYMBOL'], message: ['SystemMessageLongSymbol', 'SYSTEM_MESSAGE_LONG_SYMBOL'] };

interface Token { kind: 'word' | 'string' | 'punct'; text: string; line: number; col: number }

/** `line L, column C` of a token, for messages. */
const at = (t: { line: number; col: number }): string => `line ${t.line}, column ${t.col}`;

const PUNCT = new Set([':', '|', '@', '(', ')', '[', ']', ',', ';']);

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    const col = i - lineStart + 1;
    if (c === '\n') { line++; i++; lineStart = i; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '/' && text[i + 1] === '/') { while (i < n && text[i] !== '\n') i++; continue; }
    if (c === '"') {
      const start = { line, col };
      let s = '';
      i++;
      while (i < n && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < n) { s += text[i + 1]; i += 2; continue; }
        if (text[i] === '\n') { line++; lineStart = i + 1; }
        s += text[i];
        i++;
      }
      if (i >= n) throw new DbcError('syntax', `${at(start)}: unterminated string`);
      i++;
      out.push({ kind: 'string', text: s, ...start });
      continue;
    }
    if (PUNCT.has(c)) { out.push({ kind: 'punct', text: c, line, col }); i++; continue; }
    let j = i;
    while (j < n && !/[\s":|@()[\],;]/.test(text[j] as string)) j++;
    if (j === i) throw new DbcError('syntax', `line ${line}, column ${col}: unexpected character '${c}'`);
    out.push({ kind: 'word', text: text.slice(i, j), line, col });
    i = j;
  }
  return out;
}

/** Section keywords that start a statement (used to end free-form lists such as BU_ and receivers). */
const KEYWORDS = new Set([
  'VERSION', 'NS_', 'BS_', 'BU_', 'VAL_TABLE_', 'BO_', 'SG_', 'BO_TX_BU_', 'EV_', 'ENVVAR_DATA_', 'SGTYPE_', 'CM_',
  'BA_DEF_', 'BA_DEF_DEF_', 'BA_', 'VAL_', 'SIG_VALTYPE_', 'SIG_GROUP_', 'BA_DEF_REL_', 'BA_REL_', 'BA_DEF_DEF_REL_',
  'CAT_DEF_', 'CAT_', 'FILTER', 'SIG_TYPE_REF_', 'SIG_MUL_VAL_', 'SG_MUL_VAL_', 'SGTYPE_VAL_', 'BA_DEF_SGTYPE_', 'BA_SGTYPE_',
]);

class Cursor {
  i = 0;
  constructor(readonly t: Token[]) {}
  peek(): Token | undefined { return this.t[this.i]; }
  next(what: string): Token {
    const tok = this.t[this.i];
    if (!tok) throw new DbcError('syntax', `end of file while reading ${what}${this.t.length ? ` (after ${at(this.t[this.t.length - 1]!)})` : ''}`);
    this.i++;
    return tok;
  }
  expect(text: string, what: string): void {
    const tok = this.next(what);
    if (tok.text !== text || tok.kind === 'string') throw new DbcError('syntax', `${at(tok)}: expected '${text}' in ${what}, got '${tok.text}'`);
  }
  word(what: string): Token {
    const tok = this.next(what);
    if (tok.kind !== 'word') throw new DbcError('syntax', `${at(tok)}: expected a name or number in ${what}, got '${tok.text}'`);
    return tok;
  }
  number(what: string): { value: number; text: string; tok: Token } {
    const tok = this.word(what);
    const value = Number(tok.text);
    if (!Number.isFinite(value)) throw new DbcError('syntax', `${at(tok)}: '${tok.text}' is not a number in ${what}`);
    return { value, text: tok.text, tok };
  }
  string(what: string): string {
    const tok = this.next(what);
    if (tok.kind !== 'string') throw new DbcError('syntax', `${at(tok)}: expected a quoted string in ${what}, got '${tok.text}'`);
    return tok.text;
  }
  skipStatement(): void {
    while (this.i < this.t.length) if (this.t[this.i++]!.text === ';' ) return;
  }
  atKeyword(): boolean {
    const tok = this.peek();
    return !tok || (tok.kind === 'word' && KEYWORDS.has(tok.text));
  }
}

export function parseDbc(text: string): Dbc {
  const dbc: Dbc = { version: '', messages: new Map(), attribute_defaults: new Map(), value_tables: new Map(), independent_signals: [] };
  const c = new Cursor(tokenize(text));
  const independent: DbcMessage = { id: INDEPENDENT_SIG_MSG_ID, extended: true, name: 'VECTOR__INDEPENDENT_SIG_MSG', length_bytes: 0, sender: '', signals: dbc.independent_signals, attributes: new Map() };
  const byId = (raw: number, tok: Token): DbcMessage => {
    if (raw === INDEPENDENT_SIG_MSG_ID) return independent;
    const extended = raw >= EXTENDED_FLAG;
    const m = dbc.messages.get(messageKey(extended ? raw - EXTENDED_FLAG : raw, extended));
    if (!m) throw new DbcError('semantic', `${at(tok)}: no BO_ with id ${raw}`);
    return m;
  };
  const sigOf = (m: DbcMessage, name: string, tok: Token): DbcSignal => {
    const s = m.signals.find((x) => x.name === name);
    if (!s) throw new DbcError('semantic', `${at(tok)}: message ${m.name} has no signal ${name}`);
    return s;
  };
  let current: DbcMessage | undefined;
  while (c.peek()) {
    const tok = c.next('statement');
    if (tok.kind !== 'word') throw new DbcError('syntax', `${at(tok)}: unexpected '${tok.text}' at the start of a statement`);
    switch (tok.text) {
      case 'VERSION': dbc.version = c.string('VERSION'); break;
      case 'NS_': while (c.peek() && c.peek()!.text !== 'BS_') c.i++; break;
      case 'BS_': c.expect(':', 'BS_'); while (!c.atKeyword()) c.i++; break;
      case 'BU_': c.expect(':', 'BU_'); while (!c.atKeyword()) c.i++; break;
      case 'VAL_TABLE_': {
        const name = c.word('VAL_TABLE_').text;
        dbc.value_tables.set(name, readLabels(c));
        break;
      }
      case 'BO_': current = readMessage(c, dbc, independent); break;
      case 'SG_': {
        if (!current) throw new DbcError('syntax', `${at(tok)}: SG_ outside a BO_`);
        current.signals.push(readSignal(c, tok));
        break;
      }
      case 'CM_': {
        const t = c.next('CM_');
        if (t.kind === 'string') dbc.comment = t.text;
        else if (t.text === 'BO_') byId(c.number('CM_ BO_').value, t).comment = c.string('CM_');
        else if (t.text === 'SG_') { const m = byId(c.number('CM_ SG_').value, t); sigOf(m, c.word('CM_ SG_').text, t).comment = c.string('CM_'); }
        else { c.skipStatement(); break; }
        c.expect(';', 'CM_');
        break;
      }
      case 'BA_DEF_DEF_': {
        const name = c.string('BA_DEF_DEF_');
        const v = c.next('BA_DEF_DEF_');
        dbc.attribute_defaults.set(name, v.kind === 'string' ? v.text : Number(v.text));
        c.expect(';', 'BA_DEF_DEF_');
        break;
      }
      case 'BA_': {
        const name = c.string('BA_');
        const t = c.next('BA_');
        const value = (): string | number => { const v = c.next('BA_ value'); return v.kind === 'string' ? v.text : Number(v.text); };
        if (t.text === 'SG_' && t.kind === 'word') { const m = byId(c.number('BA_ SG_').value, t); sigOf(m, c.word('BA_ SG_').text, t).attributes.set(name, value()); }
        else if (t.text === 'BO_' && t.kind === 'word') byId(c.number('BA_ BO_').value, t).attributes.set(name, value());
        else { c.skipStatement(); break; }
        c.expect(';', 'BA_');
        break;
      }
      case 'VAL_': {
        const idTok = c.word('VAL_');
        if (!/^\d+$/.test(idTok.text)) { c.skipStatement(); break; } // environment-variable values
        const m = byId(Number(idTok.text), idTok);
        sigOf(m, c.word('VAL_').text, idTok).value_labels = readLabels(c);
        break;
      }
      case 'SIG_VALTYPE_': {
        const m = byId(c.number('SIG_VALTYPE_').value, tok);
        const s = sigOf(m, c.word('SIG_VALTYPE_').text, tok);
        if (c.peek()?.text === ':') c.i++;
        const k = c.number('SIG_VALTYPE_').value;
        s.value_type = k === 1 ? 'float32' : k === 2 ? 'float64' : 'integer';
        c.expect(';', 'SIG_VALTYPE_');
        break;
      }
      case 'SG_MUL_VAL_': {
        // SG_MUL_VAL_ <message id> <signal> <switch signal> <lo>-<hi>, <lo>-<hi> ... ;
        const m = byId(c.number('SG_MUL_VAL_').value, tok);
        const s = sigOf(m, c.word('SG_MUL_VAL_ signal').text, tok);
        const sw = c.word('SG_MUL_VAL_ switch').text;
        sigOf(m, sw, tok);
        const ranges: [number, number][] = [];
        while (c.peek() && c.peek()!.text !== ';') {
          const r = c.word('SG_MUL_VAL_ range');
          const mm = /^(\d+)-(\d+)$/.exec(r.text);
          if (!mm) throw new DbcError('syntax', `${at(r)}: '${r.text}' is not a range lo-hi in SG_MUL_VAL_`);
          ranges.push([Number(mm[1]), Number(mm[2])]);
          if (c.peek()?.text === ',') c.i++;
        }
        c.expect(';', 'SG_MUL_VAL_');
        s.mux_switch = { name: sw, ranges };
        break;
      }
      default:
        c.skipStatement();
    }
  }
  applyLongNames(dbc);
  return dbc;
}

/** The long-name attributes replace the (at most 32-character) names once every reference by short name has resolved. */
function applyLongNames(dbc: Dbc): void {
  const long = (attrs: Map<string, string | number>, names: string[]): string | undefined => {
    for (const n of names) { const v = attrs.get(n); if (typeof v === 'string' && v !== '') return v; }
    return undefined;
  };
  for (const m of dbc.messages.values()) {
    m.name = long(m.attributes, LONG_NAME_ATTRIBUTES.message) ?? m.name;
    const renamed = new Map<string, string>();
    for (const s of m.signals) {
      const name = long(s.attributes, LONG_NAME_ATTRIBUTES.signal);
      if (name !== undefined) { renamed.set(s.name, name); s.name = name; }
    }
    for (const s of m.signals) if (s.mux_switch) s.mux_switch.name = renamed.get(s.mux_switch.name) ?? s.mux_switch.name;
  }
}

/** `(value "label")* ;` */
function readLabels(c: Cursor): Map<number, string> {
  const labels = new Map<number, string>();
  while (c.peek() && c.peek()!.text !== ';') labels.set(c.number('value table').value, c.string('value table'));
  c.expect(';', 'value table');
  return labels;
}

function readMessage(c: Cursor, dbc: Dbc, independent: DbcMessage): DbcMessage {
  const idTok = c.number('BO_ id');
  const name = c.word('BO_ name').text;
  c.expect(':', 'BO_');
  const length_bytes = c.number('BO_ length').value;
  const sender = c.atKeyword() ? '' : c.word('BO_ sender').text;
  const raw = idTok.value;
  if (raw === INDEPENDENT_SIG_MSG_ID) return independent; // its SG_ lines go to dbc.independent_signals
  const extended = raw >= EXTENDED_FLAG;
  const id = extended ? raw - EXTENDED_FLAG : raw;
  if (!Number.isInteger(id) || id < 0 || id > (extended ? 0x1fffffff : 0x7ff)) throw new DbcError('semantic', `${at(idTok.tok)}: BO_ ${name}: id ${raw} out of range`);
  if (!Number.isInteger(length_bytes) || length_bytes < 0 || length_bytes > 64) throw new DbcError('semantic', `${at(idTok.tok)}: BO_ ${name}: length ${length_bytes} out of range 0..64`);
  const m: DbcMessage = { id, extended, name, length_bytes, sender, signals: [], attributes: new Map() };
  dbc.messages.set(messageKey(id, extended), m);
  return m;
}

function readSignal(c: Cursor, sg: Token): DbcSignal {
  const name = c.word('SG_ name').text;
  let multiplex: DbcSignal['multiplex'];
  let is_multiplexor = false;
  if (c.peek()?.text !== ':') {
    const muxTok = c.word('SG_ multiplexer');
    const mux = /^(m\d+)?(M)?$/.exec(muxTok.text);
    if (!mux || (!mux[1] && !mux[2])) throw new DbcError('syntax', `${at(muxTok)}: SG_ ${name}: multiplexer '${muxTok.text}' is not M, mN or mNM`);
    if (mux[1]) multiplex = { kind: 'multiplexed', value: Number(mux[1].slice(1)) };
    else multiplex = { kind: 'multiplexor' };
    is_multiplexor = mux[2] === 'M';
  }
  c.expect(':', `SG_ ${name}`);
  const start_bit = c.number(`SG_ ${name} start`).value;
  c.expect('|', `SG_ ${name}`);
  const length_bits = c.number(`SG_ ${name} length`).value;
  c.expect('@', `SG_ ${name}`);
  const osTok = c.word(`SG_ ${name} byte order`);
  const os = osTok.text;
  if (!/^[01][+-]$/.test(os)) throw new DbcError('syntax', `${at(osTok)}: SG_ ${name}: byte order/sign '${os}' is not 0+, 0-, 1+ or 1-`);
  c.expect('(', `SG_ ${name}`);
  const factor = c.number(`SG_ ${name} factor`);
  c.expect(',', `SG_ ${name}`);
  const offset = c.number(`SG_ ${name} offset`);
  c.expect(')', `SG_ ${name}`);
  c.expect('[', `SG_ ${name}`);
  const min = c.number(`SG_ ${name} min`).value;
  c.expect('|', `SG_ ${name}`);
  const max = c.number(`SG_ ${name} max`).value;
  c.expect(']', `SG_ ${name}`);
  const unit = c.string(`SG_ ${name} unit`);
  const receivers: string[] = [];
  while (!c.atKeyword()) {
    const t = c.next('receivers');
    if (t.text !== ',') receivers.push(t.text);
  }
  if (!Number.isInteger(start_bit) || start_bit < 0 || start_bit > 511) throw new DbcError('semantic', `${at(sg)}: SG_ ${name}: start bit ${start_bit} out of range`);
  if (!Number.isInteger(length_bits) || length_bits < 1 || length_bits > 64) throw new DbcError('semantic', `${at(sg)}: SG_ ${name}: length ${length_bits} is not 1..64 bits`);
  const s: DbcSignal = {
    name, start_bit, length_bits, little_endian: os[0] === '1', signed: os[1] === '-',
    factor: factor.value, offset: offset.value, factor_text: factor.text, offset_text: offset.text,
    min, max, unit, receivers, value_type: 'integer', multiplex, attributes: new Map(),
  };
  if (is_multiplexor) s.is_multiplexor = true;
  return s;
}
