/**
 * Everything the second-life report shows, gathered once: the history (measured points), the core's
 * replay (estimates, histograms, events), the twin calibrated on the history with two scenario
 * projections, and the grade. Plain JSON-able data: the HTML embeds it as is.
 */
import { TwinCore } from '../twin/wasm.ts';
import { calibrateFor, describeCalibration } from '../twin/select.ts';
import { projectCalibrated, type Projection, type Usage } from '../twin/project.ts';
import { twinWarnings } from '../twin/validity.ts';
import { loadScenario } from '../twin/scenarios.ts';
import { assess, type AssessOptions } from '../grade/assess.ts';
import { TwinError } from '../twin/errors.ts';
import type { Calibration } from '../twin/calibrate.ts';
import { gradeEvidence, type GradeResult } from '../grade/rules.ts';
import { EVENT_NAME } from '../core/core.ts';
import { REST_GAP_H } from '../twin/points.ts';
import type { HistoryPoint } from '../twin/history.ts';

/** Default side-by-side scenarios (issue 8: 25 degC stationary storage vs 35 degC UPS). */
export const DEFAULT_REPORT_SCENARIOS: [string, string] = ['storage-25', 'ups-35'];

export interface ReportData {
  title: string;
  source: string;
  chemistry: string;
  ratedCapacity_Ah: number;
  generatedFrom: string;
  /** Whose numbers the grade and the twin rest on; the lab's series appear only with --lab-truth. */
  view: 'device' | 'lab-truth';
  capacity: { cycle: number[]; measured_Ah: (number | null)[]; estimate_Ah: (number | null)[]; fit_Ah: (number | null)[] };
  resistance: { cycle: number[]; measured_ohm: (number | null)[]; estimate_ohm: (number | null)[] };
  /** Time per 5 K bin [h], per mode; labels are bin centres or under/overflow. */
  temperature: { labels: string[]; rest_h: number[]; charge_h: number[]; discharge_h: number[] } | null;
  /** Rainflow cycle counts per 10 % DoD bin. */
  dod: { labels: string[]; cycles: number[] } | null;
  /** Core events (worst value in V, A or degC), sensor glitches ('glitch: <type>') and long rests from the history (worst = hours). */
  events: { t_days: number; type: string; worst: number }[];
  /** Null when the history is too short for a twin calibration (projectionNote says why). */
  projections: [Projection, Projection] | null;
  projectionNote: string | null;
  /** Validity and fit warnings per projection. */
  warnings: [string[], string[]];
  twinSummary: string;
  grade: GradeResult;
}

const TEMP_LABELS = ['< -20', ...Array.from({ length: 16 }, (_, i) => String(-20 + 5 * i + 2.5)), '> 60'];
const DOD_LABELS = Array.from({ length: 10 }, (_, i) => `${i * 10}-${i * 10 + 10} %`);

/** Rests longer than REST_GAP_H between discharges (capacity recovers after them): worst = hours. */
function longRests(points: readonly HistoryPoint[]): ReportData['events'] {
  const spacing = points.slice(1).map((p, i) => p.t_s - points[i]!.t_s).sort((x, y) => x - y);
  const median_s = spacing.length ? spacing[Math.floor(spacing.length / 2)]! : 0;
  const gap_s = Math.max(REST_GAP_H * 3600, 2.5 * median_s);
  return points.slice(1).flatMap((p, i) => {
    const dt = p.t_s - points[i]!.t_s;
    return dt > gap_s ? [{ t_days: points[i]!.t_s / 86400, type: 'LONG_REST', worst: dt / 3600 }] : [];
  });
}

export function buildReportData(path: string, scenarios: [string, string] = DEFAULT_REPORT_SCENARIOS, historyUntilCycle?: number, opts: AssessOptions = {}): ReportData {
  const a = assess(path, undefined, historyUntilCycle, opts);
  const h = a.history;
  const lab = h.view === 'lab-truth';
  const core = new TwinCore();
  let cal: Calibration | null = a.calibration;
  let projectionNote: string | null = null;
  if (!cal) {
    try {
      cal = calibrateFor(core, h);
    } catch (err) {
      if (!(err instanceof TwinError && err.code === 'BAD_HISTORY')) throw err;
      projectionNote = `no projection: ${err.message}`;
    }
  }
  const usages = scenarios.map((s): Usage => ({ kind: 'scenario', scenario: loadScenario(s) }));
  const projections = cal ? (usages.map((u) => projectCalibrated(core, cal!, u, [0.8, 0.7, 0.6], 30, h.points)) as [Projection, Projection]) : null;
  const warnings = (cal ? usages.map((u) => twinWarnings(cal!, u)) : [[], []]) as [string[], string[]];
  const replayByCycle = new Map((a.replay?.cycles ?? []).map((c) => [c.cycle, c]));
  const events = [
    ...(a.replay?.log ?? []).filter((l) => l.typeName === 'EVENT').map((l) => ({ t_days: l.t_s / 86400, type: EVENT_NAME[l.a] ?? `EVENT_${l.a}`, worst: l.b })),
    // sensor glitches on their own rows: visible, never confused with events
    ...(a.replay?.log ?? []).filter((l) => l.typeName === 'GLITCH').map((l) => ({ t_days: l.t_s / 86400, type: `glitch: ${EVENT_NAME[l.a] ?? l.a}`, worst: l.b })),
    ...longRests(h.points),
  ];
  const hist = a.replay?.histograms;
  return {
    title: `Second-life report: ${h.source.split('/').filter(Boolean).pop() ?? h.source}`,
    source: h.source,
    chemistry: h.chemistry,
    ratedCapacity_Ah: h.ratedCapacity_Ah,
    generatedFrom: a.replay ? 'history + core replay' : 'history',
    view: lab ? 'lab-truth' : 'device',
    capacity: {
      cycle: h.points.map((p) => p.cycle),
      measured_Ah: h.points.map((p) => (lab && p.capacity_measured ? p.capacity_Ah : null)),
      estimate_Ah: h.points.map((p) => replayByCycle.get(p.cycle)?.capacity_Ah ?? (p.capacity_measured ? null : p.capacity_Ah)),
      fit_Ah: cal ? cal.fitted_Ah : h.points.map(() => null),
    },
    resistance: {
      cycle: h.points.map((p) => p.cycle),
      measured_ohm: h.points.map((p) => (lab ? p.resistance_ohm : null)),
      estimate_ohm: h.points.map((p) => replayByCycle.get(p.cycle)?.resistance_ohm ?? null),
    },
    temperature: hist
      ? { labels: TEMP_LABELS, rest_h: hist.temp_hist_s[0]!.map((s) => s / 3600), charge_h: hist.temp_hist_s[1]!.map((s) => s / 3600), discharge_h: hist.temp_hist_s[2]!.map((s) => s / 3600) }
      : null,
    dod: hist ? { labels: DOD_LABELS, cycles: hist.dod_hist.map((row) => row.reduce((x, y) => x + y, 0)) } : null,
    events,
    projections,
    projectionNote,
    warnings,
    twinSummary: cal ? describeCalibration(cal) : 'not calibrated (too little history)',
    grade: gradeEvidence(a.evidence),
  };
}
