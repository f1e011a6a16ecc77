/**
 * Merges exports of one battery taken at different times. Log records are combined by sequence
 * number (duplicates dropped when identical); counters, histograms and device state come from the
 * export furthest along (highest next_seq, then latest device time). Everything odd is reported in
 * the merged record's merge report, never smoothed over: seq ranges no export holds (gap, or
 * overwritten when the exports declare them lost), the same seq with different content (conflict),
 * log time going backwards, export times that disagree with the device's own progress, cumulative
 * counters that shrink, parameter-block changes.
 */
import { RecordError } from './errors.ts';
import { missingRanges } from './build.ts';
import type { BmsRecord, LogEntry, MergeIssue, MergeSource } from './model.ts';

/** Counters that only grow on a device that was not reset. */
const CUMULATIVE = ['chg_Ah', 'dis_Ah', 'chg_Wh', 'dis_Wh', 'efc', 'time_s', 'eq_time_25C_s', 'samples', 'accepted', 'events_total', 'deep_discharge_events', 'extreme_high_s', 'extreme_low_s', 'chg_extreme_high_s', 'chg_extreme_low_s', 'log_next_seq'];

const sameEntry = (a: LogEntry, b: LogEntry): boolean =>
  a.type === b.type && a.flags === b.flags && Object.is(a.t_s, b.t_s) && Object.is(a.a, b.a) && Object.is(a.b, b.b) && Object.is(a.c, b.c) && a.crc32 === b.crc32;

/** Groups ascending seq numbers into inclusive ranges. */
function toRanges(seqs: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const s of seqs) {
    const last = out[out.length - 1];
    if (last && s === last[1] + 1) last[1] = s;
    else out.push([s, s]);
  }
  return out;
}

const inRanges = (s: number, rs: [number, number][]): boolean => rs.some(([a, b]) => s >= a && s <= b);

function sourcesOf(r: BmsRecord): MergeSource[] {
  if (r.merge) return r.merge.sources;
  const recs = r.log.records;
  return [{ exported_at: r.provenance.exported_at, digest: r.device.digest, first_seq: recs[0]?.seq ?? null, last_seq: recs[recs.length - 1]?.seq ?? null, t_s: r.counters.t_s ?? 0 }];
}

export function mergeRecords(inputs: BmsRecord[], exportedAt: string): BmsRecord {
  if (inputs.length === 0) throw new RecordError('nothing to merge', 'content');
  const serial = inputs[0]!.identity.serial_number;
  for (const r of inputs) if (r.identity.serial_number !== serial) throw new RecordError(`cannot merge records of different batteries: ${serial} and ${r.identity.serial_number}`, 'different-battery');
  const ordered = [...inputs].sort((x, y) => x.log.next_seq - y.log.next_seq || (x.counters.t_s ?? 0) - (y.counters.t_s ?? 0) || x.provenance.exported_at.localeCompare(y.provenance.exported_at));
  const issues: MergeIssue[] = ordered.flatMap((r) => r.merge?.issues ?? []);
  const issue = (kind: MergeIssue['kind'], first: number | null, last: number | null, detail: string): void => {
    if (!issues.some((i) => i.kind === kind && i.first_seq === first && i.last_seq === last && i.detail === detail)) issues.push({ kind, first_seq: first, last_seq: last, detail: detail.slice(0, 1024) });
  };

  for (let i = 1; i < ordered.length; i++) {
    const a = ordered[i - 1]!;
    const b = ordered[i]!;
    if (b.provenance.exported_at < a.provenance.exported_at) issue('export-order', null, null, `export of ${b.provenance.exported_at} is further along on the device (next_seq ${b.log.next_seq}) than the later export of ${a.provenance.exported_at} (next_seq ${a.log.next_seq}): a host clock was wrong or the device was reset`);
    if (b.device.params_version !== a.device.params_version) issue('params-changed', null, null, `parameter block version ${a.device.params_version} -> ${b.device.params_version}`);
  }
  // cumulative counters along the export times: shrinking means a reset, another device or a wrong clock
  const byTime = [...inputs].sort((x, y) => x.provenance.exported_at.localeCompare(y.provenance.exported_at));
  for (let i = 1; i < byTime.length; i++) {
    const a = byTime[i - 1]!;
    const b = byTime[i]!;
    for (const k of CUMULATIVE) {
      const x = a.counters[k];
      const y = b.counters[k];
      if (x !== undefined && y !== undefined && y < x) issue('counter-decrease', null, null, `${k} went from ${x} to ${y} between the exports of ${a.provenance.exported_at} and ${b.provenance.exported_at}: device reset, another device, or a wrong host clock`);
    }
  }

  const bySeq = new Map<number, LogEntry>();
  const conflicts: number[] = [];
  for (const r of ordered) {
    for (const e of r.log.records) {
      const held = bySeq.get(e.seq);
      if (!held) bySeq.set(e.seq, e);
      else if (!sameEntry(held, e)) conflicts.push(e.seq);
    }
  }
  for (const [a, b] of toRanges([...new Set(conflicts)].sort((x, y) => x - y))) issue('conflict', a, b, 'the same sequence numbers hold different records in different exports; the earlier export\'s records are kept');

  const records = [...bySeq.values()].sort((x, y) => x.seq - y.seq);
  const latest = ordered[ordered.length - 1]!;
  const next_seq = Math.max(...ordered.map((r) => r.log.next_seq));
  for (const [a, b] of missingRanges(records, next_seq)) {
    const declared = ordered.filter((r) => r.log.next_seq > a).every((r) => inRanges(a, r.log.lost) && inRanges(b, r.log.lost));
    issue(declared ? 'overwritten' : 'gap', a, b, declared ? 'overwritten on the device before any export read them' : 'missing from every export and not declared lost by them');
  }
  for (let i = 1; i < records.length; i++) {
    if (records[i]!.t_s < records[i - 1]!.t_s) issue('clock-backwards', records[i]!.seq, records[i]!.seq, `log time ${records[i]!.t_s} s is earlier than ${records[i - 1]!.t_s} s of seq ${records[i - 1]!.seq}`);
  }

  return {
    ...latest,
    log: { next_seq, records, lost: missingRanges(records, next_seq) },
    provenance: { ...latest.provenance, exported_at: exportedAt, source_kind: 'merge', source_name: `merge of ${ordered.length} exports of ${serial}`.slice(0, 256) },
    merge: { sources: ordered.flatMap(sourcesOf), issues },
  };
}
