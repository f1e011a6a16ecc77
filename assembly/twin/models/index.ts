// Dispatch from a model id to its factor, rate, step and output functions (one switch each).
import { ACC_PTR } from '../memory';
import { MODEL_LFP250, MODEL_LFP_SONY, MODEL_NMC_KOKAM, MODEL_NMC_B1, MODEL_EMPIRICAL } from './slots';
import { lfp250Factors, lfp250Rates, lfp250Step, lfp250Q } from './lfp250';
import { sonyFactors, sonyRates, sonyStep, sonyQ, sonyR } from './sony';
import { kokamFactors, kokamRates, kokamStep, kokamQ, kokamR } from './kokam';
import { b1Factors, b1Rates, b1Step, b1Q } from './b1';
import { empiricalFactors, empiricalRates, empiricalStep, empiricalQ, empiricalR } from './empirical';

/** Writes the per-sample factors of `model` into FAC. */
export function modelFactors(model: i32, tempK: f64, soc: f64, ua: f64): void {
  switch (model) {
    case MODEL_LFP250: lfp250Factors(tempK, soc, ua); break;
    case MODEL_LFP_SONY: sonyFactors(tempK, soc, ua); break;
    case MODEL_NMC_KOKAM: kokamFactors(tempK, soc, ua); break;
    case MODEL_NMC_B1: b1Factors(tempK, soc, ua); break;
    default: empiricalFactors(tempK, soc, ua);
  }
}

/** Computes the rates of `model` from the time-averaged factors in ACC and the segment scalars. */
export function modelRates(model: i32, dod: f64, crate: f64, socMean: f64): void {
  switch (model) {
    case MODEL_LFP250: lfp250Rates(ACC_PTR, dod, crate); break;
    case MODEL_LFP_SONY: sonyRates(ACC_PTR, dod, crate); break;
    case MODEL_NMC_KOKAM: kokamRates(ACC_PTR, dod, socMean); break;
    case MODEL_NMC_B1: b1Rates(ACC_PTR, dod, crate); break;
    default: empiricalRates(ACC_PTR);
  }
}

/** Advances every state of `model` by one segment of dtDays and dEfc. */
export function modelStep(model: i32, dtDays: f64, dEfc: f64): void {
  switch (model) {
    case MODEL_LFP250: lfp250Step(dtDays, dEfc); break;
    case MODEL_LFP_SONY: sonyStep(dtDays, dEfc); break;
    case MODEL_NMC_KOKAM: kokamStep(dtDays, dEfc); break;
    case MODEL_NMC_B1: b1Step(dtDays, dEfc); break;
    default: empiricalStep(dtDays, dEfc);
  }
}

/** Relative capacity q (1 = fresh). */
export function modelQ(model: i32): f64 {
  switch (model) {
    case MODEL_LFP250: return lfp250Q();
    case MODEL_LFP_SONY: return sonyQ();
    case MODEL_NMC_KOKAM: return kokamQ();
    case MODEL_NMC_B1: return b1Q();
    default: return empiricalQ();
  }
}

/** Relative resistance r (1 = fresh); models without resistance output return NaN. */
export function modelR(model: i32): f64 {
  switch (model) {
    case MODEL_LFP_SONY: return sonyR();
    case MODEL_NMC_KOKAM: return kokamR();
    case MODEL_EMPIRICAL: return empiricalR();
    default: return NaN;
  }
}
