/**
 * A battery record (host/record: the device's counters, histograms and lifecycle log, CBOR or its
 * JSON form) seen as the twin and the grade need it: one history point per capacity update of the
 * core (CAPACITY log records: a = capacity_Ah, b = σ_Ah), with the EFC and temperature of the
 * latest SUMMARY record and the R25 of the latest RESISTANCE record; and a device view (log, final
 * counters, parameters, histograms) shaped like a replay result.
 * A record carries no discharge numbers: `cycle` counts the capacity updates.
 */
import { LogType } from '../../layout/core-layout.ts';
import type { BmsRecord } from '../record/model.ts';
import { fromEntry, decodeParams } from '../record/device-bytes.ts';
import type { LogRecord, Snapshot } from '../core/core.ts';
import type { History, HistoryPoint } from './history.ts';
import { markAborted } from './usage.ts';

/** What the grade and the report read from the device, whether replayed or exported. */
export interface DeviceView {
  log: LogRecord[];
  final: Snapshot;
  params: Record<string, number | number[]>;
  histograms: { temp_hist_s: number[][]; soc_hist_s: number[]; dod_hist: number[][] };
  cycles: { cycle: number; t_s: number; capacity_Ah: number; resistance_ohm: number; capacity_updates: number }[];
}

export function historyFromRecord(rec: BmsRecord, source: string): History {
  let efc = 0;
  let temp = 25;
  let r: number | null = null;
  let prevEfc = 0;
  const points: HistoryPoint[] = [];
  for (const e of rec.log.records) {
    if (e.type === LogType.SUMMARY) {
      efc = e.b;
      temp = e.c;
    } else if (e.type === LogType.RESISTANCE && e.a > 0) {
      r = e.a;
    } else if (e.type === LogType.CAPACITY && e.a > 0) {
      points.push({ cycle: points.length + 1, t_s: e.t_s, efc, capacity_Ah: e.a, capacity_measured: false, resistance_ohm: r, temp_degC: temp, dod: Math.min(1, Math.max(0, efc - prevEfc)) });
      prevEfc = efc;
    }
  }
  return { source, view: 'device', chemistry: rec.identity.chemistry, ratedCapacity_Ah: rec.identity.rated_capacity_Ah, points: markAborted(points) };
}

export function deviceViewFromRecord(rec: BmsRecord): DeviceView {
  const log = rec.log.records.map(fromEntry);
  const history = historyFromRecord(rec, '');
  let updates = 0;
  const cycles = history.points.map((p) => ({ cycle: p.cycle, t_s: p.t_s, capacity_Ah: p.capacity_Ah!, resistance_ohm: p.resistance_ohm ?? 0, capacity_updates: ++updates }));
  return { log, final: rec.counters, params: decodeParams(rec.device.params_block) ?? {}, histograms: rec.histograms, cycles };
}
