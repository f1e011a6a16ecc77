/**
 * A cell for characterisation tests that the fit has never seen: its own OCV table (a smooth
 * NMC-like curve that is NOT a preset's: up to 80 mV away from the NMC preset), R0 plus one RC pair,
 * exact coulomb counting, 5 s samples (1 s for 10 s after each current step), written as a generic CSV. It knows the truth (OCV at any SOC,
 * capacity, R0, the true SOC where a C/2 discharge reaches the cutoff).
 */
import { writeFileSync } from 'node:fs';

export const TRUE_OCV_V = Array.from({ length: 21 }, (_, i) => {
  const z = i / 20;
  return 3.0 + 1.15 * z - 0.35 * Math.exp(-12 * z) + 0.08 * Math.sin(Math.PI * z) + 0.12 * z ** 4;
});

export function trueOcv(z: number): number {
  const x = Math.min(20, Math.max(0, z * 20));
  const i = Math.min(19, Math.floor(x));
  return TRUE_OCV_V[i]! + (x - i) * (TRUE_OCV_V[i + 1]! - TRUE_OCV_V[i]!);
}

export interface SynthOptions {
  capacity_Ah?: number;
  r0_ohm?: number;
  cycles?: number;
  /** Rest after each charge and discharge, s (0: none). */
  rest_s?: number;
  /** Only one constant-current discharge from full, nothing else. */
  ccOnly?: boolean;
}

export interface SynthCell {
  path: string;
  capacity_Ah: number;
  r0_ohm: number;
  /** True SOC where the C/2 discharge reached the cutoff (the fit's SOC 0) and where the CV charge ended (its SOC 1). */
  socAtCutoff: number;
  socAtFull: number;
  cutoff_V: number;
}

export function writeSyntheticCell(path: string, o: SynthOptions = {}): SynthCell {
  const Q = o.capacity_Ah ?? 3, R0 = o.r0_ohm ?? 0.03, R1 = 0.015, tau = 60;
  const cutoff = 2.9, cv = 4.2, rest = o.rest_s ?? 3600;
  const rows: string[] = ['# bms-edge generic CSV v1', `# rated_capacity_Ah=${Q}`, 't_s,voltage_V,current_A,temp_degC'];
  let t = 0, soc = 1, u1 = 0, socAtCutoff = NaN, socAtFull = NaN;
  let fast = 0, lastI = 0;
  const step = (i: number): number => {
    if (Math.abs(i - lastI) > 0.05 * Q) fast = 10; // a logger that samples each current change at 1 s
    lastI = i;
    const dt = fast-- > 0 ? 1 : 5;
    t += dt;
    soc -= (i * dt) / 3600 / Q;
    u1 += (i * R1 - u1) * (1 - Math.exp(-dt / tau));
    const v = trueOcv(soc) - i * R0 - u1;
    rows.push(`${t},${v.toFixed(4)},${i.toFixed(4)},25`);
    return v;
  };
  const rest_ = (): void => { const end = t + rest; while (t < end) step(0); };
  const discharge = (): void => {
    let paused = false;
    for (;;) {
      if (!paused && rest > 0 && soc < 0.5) { { const end = t + 120; while (t < end) step(0); } paused = true; } // a pause at mid charge: two current steps
      if (step(Q / 2) <= cutoff) break;
    }
    if (!Number.isFinite(socAtCutoff)) socAtCutoff = soc;
  };
  const charge = (): void => {
    let i = -Q / 2;
    for (;;) {
      const v = step(i);
      if (v >= cv) i = Math.min(0, i + (v - cv) / (R0 + R1) + 0.01 * Q); // constant voltage: the current tapers
      if (i > -Q / 50) break;
    }
    if (Number.isFinite(socAtCutoff) && !Number.isFinite(socAtFull)) socAtFull = soc;
  };
  rest_();
  if (o.ccOnly) discharge();
  else for (let c = 0; c < (o.cycles ?? 3); c++) { discharge(); rest_(); charge(); rest_(); }
  writeFileSync(path, rows.join('\n') + '\n');
  return { path, capacity_Ah: Q, r0_ohm: R0, socAtCutoff, socAtFull, cutoff_V: cutoff };
}
