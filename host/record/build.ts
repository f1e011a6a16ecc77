/**
 * Builds a record from what the core holds: a replay result (host drained the log as the core ran)
 * or a live Core (only the records still in its ring). Nothing is estimated here: counters are the
 * core's snapshot, the log is the core's log, identity values come from the identity config.
 */
import { Core, type LogRecord, type Snapshot } from '../core/core.ts';
import type { ReplayResult } from '../replay/replay.ts';
import { CORE_VERSION, LAYOUT_VERSION, TEMP_BINS, TEMP_MODES, SOC_BINS, DOD_BINS } from '../../layout/core-layout.ts';
import { FORMAT_VERSION } from './keys.ts';
import { encodeParams, toEntry } from './device-bytes.ts';
import type { BmsRecord, Histograms, Identity, LogEntry, Provenance } from './model.ts';
import { NO_EPOCH, type ClockEpoch } from './clock.ts';
import type { IdentityConfig } from './identity.ts';

export const TOOL = 'bms-edge 0.1.0';

export interface BuildContext {
  /** Identity config (serial number and declared values); the serial defaults to the source name. */
  config?: IdentityConfig;
  /** Host time of the export, RFC 3339 UTC (passed in: tests must not read the clock). */
  exportedAt: string;
  clock?: ClockEpoch;
  sourceName: string;
}

/** Inclusive seq ranges in [1, nextSeq) that `entries` (seq ascending) does not hold. */
export function missingRanges(entries: { seq: number }[], nextSeq: number): [number, number][] {
  const out: [number, number][] = [];
  let expect = 1;
  for (const e of entries) {
    if (e.seq > expect) out.push([expect, e.seq - 1]);
    expect = Math.max(expect, e.seq + 1);
  }
  if (nextSeq > expect) out.push([expect, nextSeq - 1]);
  return out;
}

function identityOf(ctx: BuildContext, chemistry: string, rated_Ah: number): Identity {
  const declared = ctx.config?.identity ?? { serial_number: ctx.sourceName };
  return { ...declared, serial_number: declared.serial_number, chemistry, rated_capacity_Ah: declared.rated_capacity_Ah ?? rated_Ah };
}

function provenanceOf(ctx: BuildContext, kind: Provenance['source_kind']): Provenance {
  const clock = ctx.config?.clock_epoch_utc ? { epoch_utc: ctx.config.clock_epoch_utc, source: 'identity config clock_epoch_utc' } : (ctx.clock ?? NO_EPOCH);
  return { exported_at: ctx.exportedAt, source_kind: kind, source_name: ctx.sourceName.slice(0, 256), clock_epoch_utc: clock.epoch_utc, clock_epoch_source: clock.source, tool: TOOL };
}

function assemble(kind: Provenance['source_kind'], ctx: BuildContext, chemistry: string, final: Snapshot, params: Record<string, number | number[]>, digest: string, histograms: Histograms, log: LogRecord[]): BmsRecord {
  const records: LogEntry[] = log.map(toEntry);
  const next_seq = final.log_next_seq ?? (records.length ? records[records.length - 1]!.seq + 1 : 1);
  return {
    format_version: FORMAT_VERSION,
    identity: identityOf(ctx, chemistry, params.rated_capacity_Ah as number),
    device: { layout_version: LAYOUT_VERSION, core_version: CORE_VERSION, params_version: params.version as number, params_block: encodeParams(params), digest },
    counters: { ...final },
    histograms,
    log: { next_seq, records, lost: missingRanges(records, next_seq) },
    provenance: provenanceOf(ctx, kind),
  };
}

export function recordFromReplay(r: ReplayResult, ctx: BuildContext): BmsRecord {
  return assemble('replay', ctx, r.chemistry, r.final, r.params, r.digest, r.histograms, r.log);
}

/** Histograms from the core's THERMAL and RAINFLOW regions (ms -> s), as the replay reports them. */
export function histogramsOf(core: Core): Histograms {
  const thermal = core.region('THERMAL');
  const temp = thermal.temp_hist_ms as number[];
  const dod = core.region('RAINFLOW').dod_hist as number[];
  return {
    temp_hist_s: Array.from({ length: TEMP_MODES }, (_, m) => temp.slice(m * TEMP_BINS, (m + 1) * TEMP_BINS).map((ms) => ms / 1000)),
    soc_hist_s: (thermal.soc_hist_ms as number[]).map((ms) => ms / 1000),
    dod_hist: Array.from({ length: DOD_BINS }, (_, d) => dod.slice(d * SOC_BINS, (d + 1) * SOC_BINS)),
  };
}

/** A record of a live core: the log records its ring still holds (older ones are reported lost). */
export function recordFromCore(core: Core, ctx: BuildContext): BmsRecord {
  return assemble('device', ctx, core.chemistry, core.snapshot(), core.params() as Record<string, number | number[]>, core.digest(), histogramsOf(core), core.logRecords(1));
}
