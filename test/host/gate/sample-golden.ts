/** A small, hand-made golden recording for diff and rendering tests (3 discharges, 2 events). */
import type { GoldenRecording } from '../../../host/gate/golden.ts';

export function sampleGolden(): GoldenRecording {
  const row = (cycle: number, cap: number) => ({ cycle, t_s: 3600 * cycle, capacity_Ah: cap, soh: cap / 2, resistance_ohm: 0.1, measured_capacity_Ah: cap + 0.001, measured_resistance_ohm: null, temp_mean_degC: 30, efc: cycle, capacity_updates: cycle });
  return {
    core_version: '0.1.0',
    core_wasm_digest: '1111111111111111',
    layout_version: 1,
    params_version: 1,
    params_digest: 'aaaaaaaaaaaaaaaa',
    params: { cap_sigma_w_Ah: Math.fround(0.02), r_lambda: Math.fround(0.7), crc32: 1, ocv_V: [Math.fround(3.2), Math.fround(3.7)] },
    options: { overrides: {} },
    digest: '0123456789abcdef',
    recording: { format: 'nasa', samples: 1000, discharges: 3, skipped_lines: 0 },
    chemistry: 'NASA18650',
    rated_capacity_Ah: 2,
    cycles: [row(1, 1.86), row(2, 1.85), row(3, 1.84)],
    final: { soc: 0.5, capacity_Ah: 1.84, soh: 0.92, events_total: 2, samples: 1000, t_s: 10800 },
    events: [
      { t_s: 100, event: 'UNDER_VOLTAGE', value: 2.49, count: 1, flags: 4 },
      { t_s: 200, event: 'UNDER_VOLTAGE', value: 2.48, count: 2, flags: 4 },
    ],
    log: { records: 10, lost: 0, crc_failures: 0, type_EVENT: 2 },
    accuracy: { capacity_rmse_Ah: 0.001, capacity_n: 3, resistance_pearson: null },
    histograms: { soc_hist_s: [10, 20, 30], dod_hist: [[1, 0], [0, 2]] },
  };
}

/** A deep copy to mutate. */
export const clone = <T>(x: T): T => structuredClone(x);
