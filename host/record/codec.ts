/**
 * The record's CBOR form (cbor-x, integer keys of keys.ts, maps in ascending key order) and its JSON
 * form (the same content by name). Decoding runs the bounded scanner, then the CDDL schema, then the
 * checks the schema cannot state (dates, URIs, finite numbers, histogram shapes), and only then
 * builds the record: a bad input never yields a partial record.
 */
import { Encoder } from 'cbor-x';
import { scanCbor, DEFAULT_LIMITS, type Item, type ScanLimits } from './cbor-scan.ts';
import { assertRecordSchema } from './schema.ts';
import { RecordError } from './errors.ts';
import { COUNTERS, DEVICE, FORMAT_VERSION, HISTOGRAMS, IDENTITY, LOG, MERGE, PROVENANCE, TOP } from './keys.ts';
import type { BmsRecord, Identity, LogEntry, MergeInfo, MergeIssue, MergeSource, Provenance } from './model.ts';
import { LogType } from '../../layout/core-layout.ts';

const encoder = new Encoder({ useRecords: false, mapsAsObjects: false, tagUint8Array: false, pack: false });

type Tree = number | string | boolean | null | Uint8Array | Tree[] | Map<number | string, Tree>;

const byKey = (entries: [number | string, Tree | undefined][]): Map<number | string, Tree> => {
  const m = new Map<number | string, Tree>();
  const ints = entries.filter(([k, v]) => typeof k === 'number' && v !== undefined).sort((x, y) => (x[0] as number) - (y[0] as number));
  for (const [k, v] of ints) m.set(k, v!);
  for (const [k, v] of entries) if (typeof k === 'string' && v !== undefined) m.set(k, v);
  return m;
};

const logRow = (r: LogEntry): Tree => [r.seq, r.type, r.flags, r.t_s, r.a, r.b, r.c, r.crc32];

export function recordToTree(r: BmsRecord): Map<number | string, Tree> {
  const id = r.identity as unknown as Record<string, Tree | undefined>;
  const counters: [number | string, Tree][] = Object.entries(r.counters).map(([name, v]) => [COUNTERS[name] ?? name, v]);
  const p = r.provenance;
  const top: [number, Tree | undefined][] = [
    [TOP.format_version, r.format_version],
    [TOP.identity, byKey(IDENTITY.map((f) => [f.key, id[f.name]]))],
    [TOP.device, byKey([[DEVICE.layout_version, r.device.layout_version], [DEVICE.core_version, r.device.core_version], [DEVICE.params_version, r.device.params_version], [DEVICE.params_block, r.device.params_block], [DEVICE.digest, r.device.digest]])],
    [TOP.counters, byKey(counters)],
    [TOP.histograms, byKey([[HISTOGRAMS.temp_hist_s, r.histograms.temp_hist_s], [HISTOGRAMS.soc_hist_s, r.histograms.soc_hist_s], [HISTOGRAMS.dod_hist, r.histograms.dod_hist]])],
    [TOP.log, byKey([[LOG.next_seq, r.log.next_seq], [LOG.records, r.log.records.map(logRow)], [LOG.lost, r.log.lost.map(([a, b]) => [a, b])]])],
    [TOP.provenance, byKey([[PROVENANCE.exported_at, p.exported_at], [PROVENANCE.source_kind, p.source_kind], [PROVENANCE.source_name, p.source_name], [PROVENANCE.clock_epoch_utc, p.clock_epoch_utc], [PROVENANCE.clock_epoch_source, p.clock_epoch_source], [PROVENANCE.tool, p.tool]])],
    [TOP.merge, r.merge ? byKey([[MERGE.sources, r.merge.sources.map((s) => [s.exported_at, s.digest, s.first_seq, s.last_seq, s.t_s])], [MERGE.issues, r.merge.issues.map((i) => [i.kind, i.first_seq, i.last_seq, i.detail])]]) : undefined],
  ];
  return byKey(top);
}

/** The CBOR form of a record. */
export function encodeRecord(r: BmsRecord): Uint8Array {
  return new Uint8Array(encoder.encode(recordToTree(r)));
}

/** Reads and fully checks the CBOR form; throws RecordError naming what is wrong. */
export function decodeRecord(bytes: Uint8Array, limits: ScanLimits = DEFAULT_LIMITS): BmsRecord {
  const { item, tag } = scanCbor(bytes, limits);
  if (tag !== null) throw new RecordError(`tag ${tag} on a bare record`, 'not-allowed');
  return itemToRecord(item);
}

/** Schema, then content checks, then the record. */
export function itemToRecord(item: Item): BmsRecord {
  assertRecordSchema(item);
  const r = buildFromItem(item);
  checkContent(r);
  return r;
}

// Schema-checked item -> record. Shapes are guaranteed by the CDDL, so the accessors only narrow types.
type MapItem = Item & { t: 'map' };
const get = (m: Item, key: number | string): Item | undefined => (m as MapItem).v.find(([k]) => (k.t === 'tstr' ? k.v === key : (k.t === 'uint' || k.t === 'nint') && k.v === key))?.[1];
const num = (it: Item | undefined): number => (it && (it.t === 'uint' || it.t === 'nint' || it.t === 'float') ? it.v : NaN);
const str = (it: Item | undefined): string => (it && it.t === 'tstr' ? it.v : '');
const arr = (it: Item | undefined): Item[] => (it && it.t === 'array' ? it.v : []);
const nullableNum = (it: Item | undefined): number | null => (it?.t === 'null' ? null : num(it));

function buildFromItem(item: Item): BmsRecord {
  const idItem = get(item, TOP.identity)!;
  const identity: Record<string, string | number> = {};
  for (const f of IDENTITY) {
    const v = get(idItem, f.key);
    if (v !== undefined) identity[f.name] = v.t === 'tstr' ? v.v : num(v);
  }
  const dev = get(item, TOP.device)!;
  const counters: Record<string, number> = {};
  const names = Object.fromEntries(Object.entries(COUNTERS).map(([n, k]) => [k, n]));
  for (const [k, v] of (get(item, TOP.counters) as MapItem).v) counters[k.t === 'tstr' ? k.v : names[num(k)]!] = num(v);
  const h = get(item, TOP.histograms)!;
  const log = get(item, TOP.log)!;
  const p = get(item, TOP.provenance)!;
  const m = get(item, TOP.merge);
  const epoch = get(p, PROVENANCE.clock_epoch_utc);
  const r: BmsRecord = {
    format_version: num(get(item, TOP.format_version)),
    identity: identity as unknown as Identity,
    device: {
      layout_version: num(get(dev, DEVICE.layout_version)),
      core_version: num(get(dev, DEVICE.core_version)),
      params_version: num(get(dev, DEVICE.params_version)),
      params_block: (get(dev, DEVICE.params_block) as Item & { t: 'bstr' }).v,
      digest: str(get(dev, DEVICE.digest)),
    },
    counters,
    histograms: {
      temp_hist_s: arr(get(h, HISTOGRAMS.temp_hist_s)).map((row) => arr(row).map(num)),
      soc_hist_s: arr(get(h, HISTOGRAMS.soc_hist_s)).map(num),
      dod_hist: arr(get(h, HISTOGRAMS.dod_hist)).map((row) => arr(row).map(num)),
    },
    log: {
      next_seq: num(get(log, LOG.next_seq)),
      records: arr(get(log, LOG.records)).map((row) => {
        const c = arr(row);
        return { seq: num(c[0]), type: num(c[1]), flags: num(c[2]), t_s: num(c[3]), a: num(c[4]), b: num(c[5]), c: num(c[6]), crc32: nullableNum(c[7]) };
      }),
      lost: arr(get(log, LOG.lost)).map((row) => [num(arr(row)[0]), num(arr(row)[1])] as [number, number]),
    },
    provenance: {
      exported_at: str(get(p, PROVENANCE.exported_at)),
      source_kind: str(get(p, PROVENANCE.source_kind)) as Provenance['source_kind'],
      source_name: str(get(p, PROVENANCE.source_name)),
      clock_epoch_utc: epoch?.t === 'null' ? null : str(epoch),
      clock_epoch_source: str(get(p, PROVENANCE.clock_epoch_source)),
      tool: str(get(p, PROVENANCE.tool)),
    },
  };
  if (m) {
    r.merge = {
      sources: arr(get(m, MERGE.sources)).map((row): MergeSource => {
        const c = arr(row);
        return { exported_at: str(c[0]), digest: str(c[1]), first_seq: nullableNum(c[2]), last_seq: nullableNum(c[3]), t_s: num(c[4]) };
      }),
      issues: arr(get(m, MERGE.issues)).map((row): MergeIssue => {
        const c = arr(row);
        return { kind: str(c[0]) as MergeIssue['kind'], first_seq: nullableNum(c[1]), last_seq: nullableNum(c[2]), detail: str(c[3]) };
      }),
    };
  }
  return r;
}

const RFC3339_UTC = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?Z$/;
const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isRfc3339Utc(s: string): boolean {
  return RFC3339_UTC.test(s) && Number.isFinite(Date.parse(s));
}

/** Checks the schema cannot express. */
function checkContent(r: BmsRecord): void {
  const bad = (what: string): never => {
    throw new RecordError(`impossible content: ${what}`, 'content');
  };
  if (r.format_version !== FORMAT_VERSION) bad(`format version ${r.format_version}`);
  for (const f of IDENTITY) {
    const v = (r.identity as unknown as Record<string, unknown>)[f.name];
    if (v === undefined) continue;
    if (typeof v === 'number' && !Number.isFinite(v)) bad(`identity.${f.name} is not finite`);
    if (f.type === 'year-month' && !YEAR_MONTH.test(v as string)) bad(`identity.${f.name} '${String(v)}' is not YYYY-MM`);
    if (f.type === 'uri' && !/^[a-z][a-z0-9+.-]*:\S+$/i.test(v as string)) bad(`identity.${f.name} is not a URI`);
  }
  if (!(r.identity.rated_capacity_Ah > 0)) bad('identity.rated_capacity_Ah must be positive');
  if (!/^[0-9a-f]{16}$/.test(r.device.digest)) bad('device.digest is not 16 lower-case hex digits');
  for (const [k, v] of Object.entries(r.counters)) if (!Number.isFinite(v)) bad(`counters.${k} is not finite`);
  const h = r.histograms;
  for (const row of [...h.temp_hist_s, h.soc_hist_s, ...h.dod_hist]) for (const v of row) if (!Number.isFinite(v) || v < 0) bad('a histogram bin is negative or not finite');
  for (const e of r.log.records) if (![e.t_s, e.a, e.b, e.c].every((x) => Number.isFinite(x) || Number.isNaN(x))) bad(`log record ${e.seq} holds an infinity`);
  for (const [a, b] of r.log.lost) if (a > b) bad(`lost range ${a}..${b} is reversed`);
  if (!isRfc3339Utc(r.provenance.exported_at)) bad(`provenance.exported_at '${r.provenance.exported_at}' is not RFC 3339 UTC`);
  if (r.provenance.clock_epoch_utc !== null && !isRfc3339Utc(r.provenance.clock_epoch_utc)) bad('provenance.clock_epoch_utc is not RFC 3339 UTC');
  if (r.merge) for (const s of r.merge.sources) if (!isRfc3339Utc(s.exported_at)) bad('a merge source time is not RFC 3339 UTC');
}

// ---------------------------------------------------------------------------------------------
// JSON form

const LOG_TYPE_NAME = Object.fromEntries(Object.entries(LogType).map(([k, v]) => [v, k])) as Record<number, string>;
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** The JSON form: the same content by name; the parameter block as hex; log records as objects. */
export function recordToJson(r: BmsRecord): object {
  return {
    format: 'bms-edge-record',
    ...r,
    device: { ...r.device, params_block: hex(r.device.params_block) },
    log: { ...r.log, records: r.log.records.map((e) => ({ ...e, typeName: LOG_TYPE_NAME[e.type] ?? 'UNKNOWN' })) },
  };
}

/** Reads the JSON form back, through the same schema and content checks as the CBOR form. */
export function jsonToRecord(text: string, limits: ScanLimits = DEFAULT_LIMITS): BmsRecord {
  if (text.length > limits.maxBytes) throw new RecordError(`JSON of ${text.length} characters exceeds the limit of ${limits.maxBytes}`, 'too-large');
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch (err) {
    throw new RecordError(`not JSON: ${(err as Error).message}`, 'bad-json', { cause: err });
  }
  return itemToRecord(jsonToItem(j));
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function plainItem(x: unknown, depth = 0): Item {
  if (depth > DEFAULT_LIMITS.maxDepth) throw new RecordError('JSON nested too deep', 'too-deep');
  if (x === null) return { t: 'null' };
  if (typeof x === 'boolean') return { t: 'bool', v: x };
  if (typeof x === 'number') return Number.isSafeInteger(x) ? (x >= 0 ? { t: 'uint', v: x } : { t: 'nint', v: x }) : { t: 'float', v: x };
  if (typeof x === 'string') return { t: 'tstr', v: x };
  if (Array.isArray(x)) return { t: 'array', v: x.map((e) => plainItem(e, depth + 1)) };
  if (isObj(x)) return { t: 'map', v: Object.entries(x).map(([k, v]) => [{ t: 'tstr', v: k }, plainItem(v, depth + 1)] as [Item, Item]) };
  throw new RecordError(`unsupported JSON value ${typeof x}`, 'bad-json');
}

/** Maps named keys to integer keys by a table; unknown names stay text (the schema rejects them). */
function keyed(obj: unknown, table: Record<string, number>, convert: Record<string, (v: unknown) => Item> = {}): Item {
  if (!isObj(obj)) return plainItem(obj);
  return {
    t: 'map',
    v: Object.entries(obj).map(([k, v]) => {
      const key: Item = table[k] !== undefined ? { t: 'uint', v: table[k]! } : { t: 'tstr', v: k };
      return [key, convert[k] ? convert[k]!(v) : plainItem(v)] as [Item, Item];
    }),
  };
}

const rows = (fields: string[]) => (v: unknown): Item => (Array.isArray(v) ? { t: 'array', v: v.map((o) => (isObj(o) ? plainItem(fields.map((f) => o[f])) : plainItem(o))) } : plainItem(v));

function jsonToItem(j: unknown): Item {
  if (!isObj(j) || j.format !== 'bms-edge-record') throw new RecordError("not the JSON form of a record (no \"format\": \"bms-edge-record\")", 'bad-json');
  const { format: _format, ...rest } = j;
  const identityTable = Object.fromEntries(IDENTITY.map((f) => [f.name, f.key]));
  return keyed(rest, TOP, {
    identity: (v) => keyed(v, identityTable),
    device: (v) =>
      keyed(v, DEVICE, {
        params_block: (b) => (typeof b === 'string' && /^([0-9a-f]{2})*$/i.test(b) ? { t: 'bstr', v: new Uint8Array(Buffer.from(b, 'hex')) } : plainItem(b)),
      }),
    counters: (v) => keyed(v, COUNTERS),
    histograms: (v) => keyed(v, HISTOGRAMS),
    log: (v) => keyed(v, LOG, { records: rows(['seq', 'type', 'flags', 't_s', 'a', 'b', 'c', 'crc32']) }),
    provenance: (v) => keyed(v, PROVENANCE),
    merge: (v) => keyed(v, MERGE, { sources: rows(['exported_at', 'digest', 'first_seq', 'last_seq', 't_s']), issues: rows(['kind', 'first_seq', 'last_seq', 'detail']) }),
  });
}

export type { MergeInfo };
