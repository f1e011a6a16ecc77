/**
 * A strict, bounded CBOR reader (RFC 8949) for untrusted input. It yields a typed item tree that keeps
 * the CBOR major type (so the CDDL check can tell uint from float) and refuses, with a RecordError
 * naming the byte offset, everything outside the profile the record uses: tags (except an allowed
 * top-level one), indefinite lengths, undefined and other simple values, duplicate map keys, invalid
 * UTF-8, integers beyond 2^53. Size, nesting depth and item count are limited before any allocation:
 * a declared length is checked against the bytes that remain, so no header can force a large
 * allocation. Iterative over an explicit stack: deep nesting cannot overflow the JS stack.
 */
import { RecordError } from './errors.ts';

export type Item =
  | { t: 'uint'; v: number }
  | { t: 'nint'; v: number }
  | { t: 'float'; v: number }
  | { t: 'tstr'; v: string }
  | { t: 'bstr'; v: Uint8Array }
  | { t: 'bool'; v: boolean }
  | { t: 'null' }
  | { t: 'array'; v: Item[] }
  | { t: 'map'; v: [Item, Item][] };

export interface ScanLimits {
  /** Largest input accepted, bytes. */
  maxBytes: number;
  /** Deepest nesting of arrays and maps (the top-level item is depth 1). */
  maxDepth: number;
  /** Most data items in total. */
  maxItems: number;
}

/** Defaults: a record of 200,000 log records fits (about 12 MB); the schema nests 4 deep. */
export const DEFAULT_LIMITS: ScanLimits = { maxBytes: 32 * 1024 * 1024, maxDepth: 8, maxItems: 4_000_000 };

const utf8 = new TextDecoder('utf-8', { fatal: true });

interface Frame {
  item: Item & ({ t: 'array' } | { t: 'map' });
  remaining: number; // child items still to read (maps: 2 per entry)
  pendingKey: Item | null;
  keys: Set<string> | null;
}

/** Stable string identity of a map key for duplicate detection (keys are scalars in the profile). */
function keyId(k: Item): string {
  switch (k.t) {
    case 'uint':
    case 'nint':
    case 'float':
      return `${k.t}:${k.v}`;
    case 'tstr':
      return `s:${k.v}`;
    case 'bool':
      return `b:${k.v}`;
    case 'null':
      return 'null';
    default:
      return '';
  }
}

/**
 * Reads exactly one CBOR item from `bytes`. `allowTopTag` permits one tag number on the top-level
 * item only (the COSE_Sign1 tag 18); the tag is returned separately.
 */
export function scanCbor(bytes: Uint8Array, limits: ScanLimits = DEFAULT_LIMITS, allowTopTag?: number): { item: Item; tag: number | null } {
  if (bytes.length > limits.maxBytes) throw new RecordError(`input of ${bytes.length} bytes exceeds the limit of ${limits.maxBytes} bytes`, 'too-large');
  if (bytes.length === 0) throw new RecordError('empty input: no CBOR item', 'truncated');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  let items = 0;
  let tag: number | null = null;
  const stack: Frame[] = [];
  let top: Item | null = null;

  const need = (n: number, what: string): void => {
    if (n > bytes.length - pos) throw new RecordError(`truncated at byte ${pos}: ${what} needs ${n} bytes, ${bytes.length - pos} remain`, 'truncated');
  };

  /** Reads the argument of a head with additional info `ai`; returns it as a number (<= 2^53). */
  const argument = (ai: number, at: number): number => {
    if (ai < 24) return ai;
    if (ai === 24) {
      need(1, 'a 1-byte argument');
      return bytes[pos++]!;
    }
    if (ai === 25) {
      need(2, 'a 2-byte argument');
      const v = dv.getUint16(pos);
      pos += 2;
      return v;
    }
    if (ai === 26) {
      need(4, 'a 4-byte argument');
      const v = dv.getUint32(pos);
      pos += 4;
      return v;
    }
    if (ai === 27) {
      need(8, 'an 8-byte argument');
      const v = dv.getBigUint64(pos);
      pos += 8;
      if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new RecordError(`integer or length at byte ${at} exceeds 2^53`, 'int-out-of-range');
      return Number(v);
    }
    if (ai === 31) throw new RecordError(`indefinite length at byte ${at} is not allowed (definite lengths only)`, 'not-allowed');
    throw new RecordError(`reserved additional information ${ai} at byte ${at}`, 'malformed');
  };

  const attach = (item: Item, at: number): void => {
    const f = stack[stack.length - 1];
    if (!f) {
      top = item;
      return;
    }
    if (f.item.t === 'array') f.item.v.push(item);
    else if (f.pendingKey === null) {
      if (item.t === 'array' || item.t === 'map' || item.t === 'bstr') throw new RecordError(`map key at byte ${at} is a ${item.t}; only numbers, text, booleans and null are keys`, 'not-allowed');
      const id = keyId(item);
      if (f.keys!.has(id)) throw new RecordError(`duplicate map key ${id} at byte ${at}`, 'duplicate-key');
      f.keys!.add(id);
      f.pendingKey = item;
    } else {
      f.item.v.push([f.pendingKey, item]);
      f.pendingKey = null;
    }
    f.remaining--;
  };

  const popDone = (): void => {
    while (stack.length && stack[stack.length - 1]!.remaining === 0) {
      const f = stack.pop()!;
      attach(f.item, pos);
    }
  };

  do {
    const at = pos;
    need(1, 'an item head');
    const ib = bytes[pos++]!;
    const major = ib >> 5;
    const ai = ib & 0x1f;
    if (++items > limits.maxItems) throw new RecordError(`more than ${limits.maxItems} data items`, 'too-many-items');
    if (major === 6) {
      const t = argument(ai, at);
      if (at !== 0 || allowTopTag === undefined || t !== allowTopTag) throw new RecordError(`tag ${t} at byte ${at} is not allowed`, 'not-allowed');
      tag = t;
      items--;
      continue;
    }
    if (major === 7) {
      let item: Item;
      if (ai === 20 || ai === 21) item = { t: 'bool', v: ai === 21 };
      else if (ai === 22) item = { t: 'null' };
      else if (ai === 25) {
        need(2, 'a half-precision float');
        item = { t: 'float', v: halfToNumber(dv.getUint16(pos)) };
        pos += 2;
      } else if (ai === 26) {
        need(4, 'a single-precision float');
        item = { t: 'float', v: dv.getFloat32(pos) };
        pos += 4;
      } else if (ai === 27) {
        need(8, 'a double-precision float');
        item = { t: 'float', v: dv.getFloat64(pos) };
        pos += 8;
      } else if (ai === 31) throw new RecordError(`unexpected break at byte ${at}`, 'malformed');
      else if (ai === 24) {
        need(1, 'a simple value');
        pos++;
        throw new RecordError(`simple value at byte ${at} is not allowed`, 'not-allowed');
      } else if (ai >= 28) throw new RecordError(`reserved additional information ${ai} at byte ${at}`, 'malformed');
      else throw new RecordError(`simple value ${ai} (${ai === 23 ? 'undefined' : 'unassigned'}) at byte ${at} is not allowed`, 'not-allowed');
      attach(item, at);
      popDone();
      continue;
    }
    const arg = argument(ai, at);
    switch (major) {
      case 0:
        attach({ t: 'uint', v: arg }, at);
        break;
      case 1:
        attach({ t: 'nint', v: -1 - arg }, at);
        break;
      case 2:
        need(arg, `a byte string of ${arg} bytes`);
        attach({ t: 'bstr', v: bytes.slice(pos, pos + arg) }, at);
        pos += arg;
        break;
      case 3: {
        need(arg, `a text string of ${arg} bytes`);
        let s: string;
        try {
          s = utf8.decode(bytes.subarray(pos, pos + arg));
        } catch (err) {
          throw new RecordError(`text string at byte ${at} is not valid UTF-8`, 'bad-utf8', { cause: err });
        }
        pos += arg;
        attach({ t: 'tstr', v: s }, at);
        break;
      }
      case 4:
      case 5: {
        const children = major === 4 ? arg : arg * 2;
        // every child takes at least one byte: a longer declaration can never be satisfied
        need(children, `${major === 4 ? 'an array' : 'a map'} of ${arg} entries`);
        if (stack.length + 1 > limits.maxDepth) throw new RecordError(`nesting deeper than ${limits.maxDepth} at byte ${at}`, 'too-deep');
        const item = major === 4 ? ({ t: 'array', v: [] } as Item & { t: 'array' }) : ({ t: 'map', v: [] } as Item & { t: 'map' });
        if (children === 0) attach(item, at);
        else stack.push({ item, remaining: children, pendingKey: null, keys: major === 5 ? new Set() : null });
        break;
      }
    }
    popDone();
  } while (stack.length > 0 || top === null);
  if (pos !== bytes.length) throw new RecordError(`${bytes.length - pos} trailing bytes after the item, at byte ${pos}`, 'trailing-bytes');
  return { item: top, tag };
}

function halfToNumber(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

/** Plain JS value of an item: numbers, strings, Uint8Array, booleans, null, arrays, Maps. */
export type Plain = number | string | boolean | null | Uint8Array | Plain[] | Map<number | string | boolean | null, Plain>;

export function toPlain(item: Item): Plain {
  switch (item.t) {
    case 'array':
      return item.v.map(toPlain);
    case 'map':
      return new Map(item.v.map(([k, v]) => [toPlain(k) as number | string, toPlain(v)]));
    case 'null':
      return null;
    default:
      return item.v;
  }
}
