// Self-test entry (build/twin-selftest.wasm): runs the §6.6 storage profile at 25 °C through the
// NMC B1 and Kokam models with no host at all (the profile is generated here), so a second engine
// (wabt's wasm-interp, wasm3, wasm2c on a Cortex-M) can be compared bit for bit with V8.
// Exports take no arguments so `wasm-interp --run-all-exports` can call them.
import { segBegin, segPush, segEnd } from './stressors';
import { modelRates, modelQ } from './models/index';
import { stepOnce, resetThresholds } from './project';
import { STATE_PTR, SCALAR_PTR, CLOCK_PTR, SEG_PTR, getf, fillf } from './memory';
import { MODEL_NMC_B1, MODEL_NMC_KOKAM, Q_X } from './models/slots';
import { KOKAM_LAM_INIT } from './models/kokam';
import { SEG_DOD, SEG_CRATE, SEG_SOC_MEAN } from './stressors';
import { setf } from './memory';

/** SOC of the §6.6 storage day at minute m (rest 10 % to 08:00, 0.5 C to 90 %, rest to 18:00, 0.5 C down). */
function storageSoc(m: i32): f64 {
  const h = <f64>m / 60.0;
  if (h < 8) return 0.1;
  if (h < 9.6) return 0.1 + 0.5 * (h - 8);
  if (h < 18) return 0.9;
  if (h < 19.6) return 0.9 - 0.5 * (h - 18);
  return 0.1;
}

function fresh(model: i32): void {
  fillf(STATE_PTR, 8, 0);
  fillf(SCALAR_PTR, 8, 1);
  fillf(CLOCK_PTR, 4, 0);
  if (model == MODEL_NMC_KOKAM) setf(STATE_PTR, Q_X, KOKAM_LAM_INIT);
  resetThresholds();
  segBegin();
  for (let m = 0; m <= 1440; m++) segPush(model, <f64>m * 60.0, storageSoc(m), 25.0);
  segEnd(modelQ(model));
  modelRates(model, getf(SEG_PTR, SEG_DOD), getf(SEG_PTR, SEG_CRATE), getf(SEG_PTR, SEG_SOC_MEAN));
}

/** Days until q < 0.8 for NMC B1, storage 25 °C (§6.6: 11.0 years = 4015 days), whole steps. */
export function selfTestB1Days(): f64 {
  fresh(MODEL_NMC_B1);
  let days: i32 = 0;
  while (modelQ(MODEL_NMC_B1) >= 0.8 && days < 40000) {
    stepOnce(MODEL_NMC_B1);
    days++;
  }
  return <f64>days;
}

/** Kokam q after 3650 storage days at 25 °C (full f64: compare the bits across engines). */
export function selfTestKokamQ10y(): f64 {
  fresh(MODEL_NMC_KOKAM);
  for (let d = 0; d < 3650; d++) stepOnce(MODEL_NMC_KOKAM);
  return modelQ(MODEL_NMC_KOKAM);
}

let lastBits: u64 = 0;

/** Same as selfTestKokamQ10y, keeping the result's bits for the two exports below. */
export function selfTestKokamRun(): f64 {
  const q = selfTestKokamQ10y();
  lastBits = reinterpret<u64>(q);
  return q;
}

/** High 32 bits of the last selfTestKokamRun result (engines print i32 exactly). */
export function selfTestKokamBitsHi(): i32 {
  return <i32>(lastBits >> 32);
}

/** Low 32 bits of the last selfTestKokamRun result. */
export function selfTestKokamBitsLo(): i32 {
  return <i32>(lastBits & 0xffffffff);
}
