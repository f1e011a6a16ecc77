/**
 * Everything the second-life report shows, gathered once: the history (measured points), the core's
 * replay (estimates, histograms, events), the twin calibrated on the history with two scenario
 * projections, and the grade. Plain JSON-able data: the HTML embeds it as is.
 */
import { TwinCore } from '../twin/wasm.ts';
import { calibrate } from '../twin/calibrate.ts';
import { projectCalibrated, type Projection } from '../twin/project.ts';
import { loadScenario } from '../twin/scenarios.ts';
import { assess } from '../grade/assess.ts';
import { gradeEvidence, type GradeResult } from '../grade/rules.ts';
import { EVENT_NAME } from '../core/core.ts';

/** Default side-by-side scenarios (issue 8: 25 degC stationary storage vs 35 degC UPS). */
export const DEFAULT_REPORT_SCENARIOS: [string, string] = ['storage-25', 'ups-35'];

export interface ReportData {
  title: string;
  source: string;
  chemistry: string;
  ratedCapacity_Ah: number;
  generatedFrom: string;
  capacity: { cycle: number[]; measured_Ah: (number | null)[]; estimate_Ah: (number | null)[]; fit_Ah: (number | null)[] };
  resistance: { cycle: number[]; measured_ohm: (number | null)[]; estimate_ohm: (number | null)[] };
  /** Time per 5 K bin [h], per mode; labels are bin centres or under/overflow. */
  temperature: { labels: string[]; rest_h: number[]; charge_h: number[]; discharge_h: number[] } | null;
  /** Rainflow cycle counts per 10 % DoD bin. */
  dod: { labels: string[]; cycles: number[] } | null;
  events: { t_days: number; type: string; worst: number }[];
  projections: [Projection, Projection];
  twinSummary: string;
  grade: GradeResult;
}

const TEMP_LABELS = ['< -20', ...Array.from({ length: 16 }, (_, i) => String(-20 + 5 * i + 2.5)), '> 60'];
const DOD_LABELS = Array.from({ length: 10 }, (_, i) => `${i * 10}-${i * 10 + 10} %`);

export function buildReportData(path: string, scenarios: [string, string] = DEFAULT_REPORT_SCENARIOS): ReportData {
  const a = assess(path);
  const h = a.history;
  const core = new TwinCore();
  const cal = a.calibration ?? calibrate(core, h);
  const projections = scenarios.map((s) => projectCalibrated(core, cal, { kind: 'scenario', scenario: loadScenario(s) }, [0.8, 0.7, 0.6], 30, h.points)) as [Projection, Projection];
  const replayByCycle = new Map((a.replay?.cycles ?? []).map((c) => [c.cycle, c]));
  const fitAt = (efc: number): number => {
    const best = cal.sets[0]!;
    return best.a * (1 - best.k * Math.pow(Math.max(0, efc - best.x0), best.p));
  };
  const events = (a.replay?.log ?? [])
    .filter((l) => l.typeName === 'EVENT')
    .map((l) => ({ t_days: l.t_s / 86400, type: EVENT_NAME[l.a] ?? `EVENT_${l.a}`, worst: l.b }));
  const hist = a.replay?.histograms;
  return {
    title: `Second-life report: ${h.source.split('/').filter(Boolean).pop() ?? h.source}`,
    source: h.source,
    chemistry: h.chemistry,
    ratedCapacity_Ah: h.ratedCapacity_Ah,
    generatedFrom: a.replay ? 'history + core replay' : 'history',
    capacity: {
      cycle: h.points.map((p) => p.cycle),
      measured_Ah: h.points.map((p) => (p.capacity_measured ? p.capacity_Ah : null)),
      estimate_Ah: h.points.map((p) => replayByCycle.get(p.cycle)?.capacity_Ah ?? (p.capacity_measured ? null : p.capacity_Ah)),
      fit_Ah: h.points.map((p) => fitAt(p.efc)),
    },
    resistance: {
      cycle: h.points.map((p) => p.cycle),
      measured_ohm: h.points.map((p) => p.resistance_ohm),
      estimate_ohm: h.points.map((p) => replayByCycle.get(p.cycle)?.resistance_ohm ?? null),
    },
    temperature: hist
      ? { labels: TEMP_LABELS, rest_h: hist.temp_hist_s[0]!.map((s) => s / 3600), charge_h: hist.temp_hist_s[1]!.map((s) => s / 3600), discharge_h: hist.temp_hist_s[2]!.map((s) => s / 3600) }
      : null,
    dod: hist ? { labels: DOD_LABELS, cycles: hist.dod_hist.map((row) => row.reduce((x, y) => x + y, 0)) } : null,
    events,
    projections,
    twinSummary:
      `capacity = ${cal.c0_Ah.toFixed(3)} Ah · (1 − calendar − ${cal.k.toExponential(2)}·max(0, EFC − ${cal.x0_efc.toFixed(1)})^${cal.p.toFixed(2)}); ` +
      `σ ${(cal.sigma_Ah * 1000).toFixed(1)} mAh over ${cal.pointsUsed} points (${cal.pointsExcludedRecovery} rest-recovery points left out)`,
    grade: gradeEvidence(a.evidence),
  };
}
