/** The three outputs of a gate run: readable text, one JSON document, JUnit XML. */
import type { Expansion } from './expand.ts';
import type { GateReport, Outcome } from './gate.ts';
import { coreVersionString } from './golden.ts';
import { junitXml, type JUnitCase } from './junit.ts';
import { renderDiff, renderSummary, type SummaryRow } from './render.ts';
import { LAYOUT_VERSION } from '../../layout/core-layout.ts';

const RESULT: Record<Outcome['status'], string> = { pass: 'pass', fail: 'FAIL', new: 'NEW', missing: 'MISSING', error: 'ERROR', ok: 'ok' };

/** The field whose worst value moved most, with that move, for the summary table. */
function worstField(o: Outcome): string | undefined {
  const r = o.diff?.regressions ?? [];
  if (!r.length) return undefined;
  const w = r.reduce((a, b) => (Math.abs(b.rel ?? b.delta ?? Infinity) > Math.abs(a.rel ?? a.delta ?? Infinity) ? b : a));
  return w.rel !== undefined ? `${w.path} ${w.rel >= 0 ? '+' : ''}${(100 * w.rel).toPrecision(3)} %` : `${w.path} (${w.kind})`;
}

/** What a recording's failure says, in a line (JUnit message) and in full (text body). */
export function outcomeText(o: Outcome): { message: string; body: string } {
  switch (o.status) {
    case 'fail': {
      const fields = [...new Set(o.diff!.regressions.map((c) => c.field))];
      return { message: `${o.diff!.regressions.length} value(s) moved beyond tolerance: ${fields.slice(0, 10).join(', ')}${fields.length > 10 ? ', ...' : ''}`, body: renderDiff(o.key, o.diff!) };
    }
    case 'new':
      return { message: 'no golden record for this recording', body: `${o.key}: no golden record for this recording (add it on purpose with --write-golden)` };
    case 'missing':
      return { message: 'in the golden file but not replayed', body: `${o.key}: in the golden file but not replayed (recording removed or renamed? rewrite the golden file on purpose)` };
    case 'error':
      return { message: o.error!.message, body: `${o.key}: cannot replay ${o.path}: ${o.error!.name} (${o.error!.code}): ${o.error!.message}` };
    default:
      return { message: '', body: o.diff ? renderDiff(o.key, o.diff) : '' };
  }
}

export function gateText(r: GateReport, skipped: Expansion['skipped']): string {
  const out: string[] = [];
  for (const s of skipped) out.push(`skipped ${s.path}: ${s.reason}`);
  for (const o of r.outcomes) if (o.status !== 'pass' && o.status !== 'ok') out.push(outcomeText(o).body, '');
  const rows: SummaryRow[] = r.outcomes.map((o) => {
    const row: SummaryRow = { key: o.key, result: RESULT[o.status] };
    if (o.samples !== undefined) row.samples = o.samples;
    if (o.discharges !== undefined) row.discharges = o.discharges;
    if (o.diff) row.moved = o.diff.regressions.length;
    if (o.elapsed_s !== undefined) row.elapsed_s = o.elapsed_s;
    const w = worstField(o);
    if (w) row.worst = w;
    return row;
  });
  out.push(renderSummary(rows), '');
  const c = r.counts;
  const n = r.outcomes.length;
  const parts = [c.pass && `${c.pass} passed`, c.fail && `${c.fail} failed`, c.new && `${c.new} new`, c.missing && `${c.missing} missing`, c.error && `${c.error} errors`, c.ok && `${c.ok} replayed`].filter(Boolean);
  const rate = r.elapsed_s > 0 ? `; ${((n - c.missing) / r.elapsed_s).toFixed(2)} recordings/s, ${Math.round(r.samples / r.elapsed_s)} samples/s` : '';
  out.push(`${r.shard ? `shard ${r.shard}: ` : ''}${n} recording(s): ${parts.join(', ')} in ${r.elapsed_s.toFixed(2)} s on ${r.workers} worker(s)${rate}`);
  out.push(`core ${coreVersionString()}, layout ${LAYOUT_VERSION}${r.golden ? `; golden ${r.golden.path} (core ${r.golden.core_version}, layout ${r.golden.layout_version}, params ${r.golden.params_versions.join('/')})` : ''}`);
  if (r.written) out.push(`golden file written: ${r.written}`);
  if (r.notWritten) out.push(`golden file NOT written: ${r.notWritten}`);
  out.push(r.exitCode === 0 ? 'gate: PASS' : `gate: FAIL (exit ${r.exitCode})`);
  return out.join('\n');
}

export function gateJson(r: GateReport, skipped: Expansion['skipped'], tolerances: object): object {
  return {
    ok: r.exitCode === 0,
    exit_code: r.exitCode,
    core_version: coreVersionString(),
    layout_version: LAYOUT_VERSION,
    golden: r.golden,
    written: r.written,
    shard: r.shard,
    not_written: r.notWritten,
    tolerances,
    workers: r.workers,
    elapsed_s: r.elapsed_s,
    samples: r.samples,
    counts: r.counts,
    skipped,
    recordings: r.outcomes.map((o) => ({
      key: o.key,
      path: o.path,
      status: o.status,
      samples: o.samples ?? null,
      discharges: o.discharges ?? null,
      elapsed_s: o.elapsed_s ?? null,
      compared: o.diff?.compared ?? null,
      within_tolerance: o.diff?.within ?? null,
      notes: o.diff?.notes ?? [],
      regressions: o.diff?.regressions ?? [],
      error: o.error ?? null,
    })),
  };
}

export function gateJunit(r: GateReport, timestamp: string): string {
  const cases: JUnitCase[] = r.outcomes.map((o) => {
    const c: JUnitCase = { name: o.key, classname: 'bms-edge.replay', time_s: o.elapsed_s ?? 0 };
    const t = outcomeText(o);
    if (o.status === 'fail' || o.status === 'new' || o.status === 'missing') c.failure = { message: t.message, type: o.status === 'fail' ? 'regression' : o.status, body: t.body };
    else if (o.status === 'error') c.error = { message: t.message, type: o.error!.name, body: t.body };
    return c;
  });
  const props: Record<string, string> = { core_version: coreVersionString(), layout_version: String(LAYOUT_VERSION), workers: String(r.workers) };
  if (r.shard) props.shard = r.shard;
  if (r.golden) {
    props.golden = r.golden.path;
    props.golden_core_version = r.golden.core_version;
    props.golden_params_versions = r.golden.params_versions.join(',');
  }
  return junitXml({ name: 'bms-edge replay gate', timestamp, properties: props, cases });
}
