/**
 * Every parameter block the range table allows keeps the state finite: blocks are drawn across the
 * whole allowed range of every field (each field independently at its minimum, its maximum, just
 * inside an open bound, or anywhere in between, log-uniformly for wide ranges), the core applies
 * them, and a recording that visits every anchor and path (a discharge to the empty cutoff, a
 * settled rest, a CV charge to full, current steps, gaps, a clock that jumps back, duplicates and
 * out-of-range samples) runs through each. After it, every snapshot value and every float of the
 * estimator states must be finite. Tolerance: none (a single NaN or infinity fails).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Core } from '../../../host/core/core.ts';
import { buildParams } from '../../../layout/presets.ts';
import { rangeTable, RANGE_U32, RANGE_MIN_OPEN, RANGE_MAX_OPEN, RANGE_NON_DECREASING, RANGE_SKIP, type RangeWord } from '../../../layout/param-ranges.ts';
import { rangeViolations } from '../../../host/params/ranges.ts';
import { recrc } from '../../host/params/mutations.ts';

const WORDS = rangeTable().filter((w) => !(w.flags & RANGE_SKIP));
type Pick = 'min' | 'max' | 'mid' | 'preset';
const pick = fc.constantFrom<Pick>('min', 'max', 'mid', 'preset');

/** The value of one word: an edge (just inside an open one) or a point between, u32 words as integers. */
function valueOf(w: RangeWord, p: Exclude<Pick, 'preset'>, u: number): number {
  const f = Math.fround;
  const up = (x: number) => { const a = new Float32Array([x]); const i = new Int32Array(a.buffer); i[0]! += x >= 0 ? 1 : -1; return a[0]!; };
  const down = (x: number) => { const a = new Float32Array([x]); const i = new Int32Array(a.buffer); i[0]! += x > 0 ? -1 : 1; return x === 0 ? -1e-45 : a[0]!; };
  if (w.flags & RANGE_U32) {
    const lo = Math.ceil(w.min + (w.flags & RANGE_MIN_OPEN ? 1 : 0));
    const hi = Math.floor(w.max - (w.flags & RANGE_MAX_OPEN ? 1 : 0));
    return p === 'min' ? lo : p === 'max' ? hi : lo + Math.floor(u * (hi - lo + 1)) % (hi - lo + 1);
  }
  const lo = w.flags & RANGE_MIN_OPEN ? up(f(w.min)) : f(w.min);
  const hi = w.flags & RANGE_MAX_OPEN ? down(f(w.max)) : f(w.max);
  if (p === 'min') return lo;
  if (p === 'max') return hi;
  // log-uniform across positive ranges wider than 1000x, else uniform
  const v = lo > 0 && hi / lo > 1000 ? lo * Math.pow(hi / lo, u) : lo + u * (hi - lo);
  return Math.min(hi, Math.max(lo, f(v)));
}

function drawBlock(picks: Pick[], us: number[], version: number): Uint8Array {
  const block = buildParams('NMC', { version });
  const dv = new DataView(block.buffer);
  const values = WORDS.map((w, i) => (picks[i] === 'preset' ? (w.flags & RANGE_U32 ? dv.getUint32(w.offset, true) : dv.getFloat32(w.offset, true)) : valueOf(w, picks[i]!, us[i]!)));
  // a non-decreasing table (the OCV curve): the drawn points, sorted
  let run: number[] = [];
  const flush = (end: number) => { const sorted = values.slice(end - run.length, end).sort((a, b) => a - b); sorted.forEach((v, k) => (values[end - run.length + k] = v)); run = []; };
  WORDS.forEach((w, i) => { if (w.flags & RANGE_NON_DECREASING || (WORDS[i + 1] && WORDS[i + 1]!.flags & RANGE_NON_DECREASING)) run.push(i); else if (run.length) flush(i); });
  if (run.length) flush(WORDS.length);
  WORDS.forEach((w, i) => (w.flags & RANGE_U32 ? dv.setUint32(w.offset, values[i]!, true) : dv.setFloat32(w.offset, values[i]!, true)));
  return recrc(block);
}

/**
 * A recording shaped by the block itself, so that its anchors and gates can trigger: a cell that
 * follows the block's own OCV table, cycled at 1 C (or the plausibility limit) between the empty
 * cutoff and a CV charge to full, with a settled rest and current steps in every cycle, and gaps,
 * clock faults and implausible samples in the middle cycle.
 */
function recording(core: Core, cycles = 5): Float64Array {
  const p = core.params() as Record<string, number | number[]>;
  const num = (k: string) => p[k] as number;
  const n = num('series_cells');
  const ocv = p.ocv_V as number[];
  const rated = num('rated_capacity_Ah');
  const temp = Math.min(Math.max((num('cap_temp_min_degC') + num('cap_temp_max_degC')) / 2, num('plaus_t_min_degC'), -40), num('plaus_t_max_degC'), 60);
  const iMax = Math.min(rated, num('plaus_i_max_A') * 0.9);
  const vMax = num('plaus_v_max_V');
  const dt = Math.min(10, num('max_gap_s') * 0.9);
  const dz = (iMax * dt) / (3600 * rated);
  const out: number[] = [];
  let t = 1000;
  let z = 1;
  const ocvAt = (s: number) => { const x = Math.min(20, Math.max(0, s * 20)); const i = Math.min(19, Math.floor(x)); return ocv[i]! + (x - i) * (ocv[i + 1]! - ocv[i]!); };
  const push = (step_s: number, cell_V: number, i_A: number, tc = temp) => { t += step_s; out.push(t, Math.max(0, Math.min(cell_V, vMax)) * n, i_A, tc); };
  for (let cycle = 0; cycle < cycles; cycle++) {
    for (let k = 0; k < 2000 && z > 0; k++) { z -= dz; push(dt, ocvAt(z) - 0.05, iMax); } // discharge
    for (let k = 0; k < 10; k++) push(dt, Math.min(ocvAt(0) - 0.05, num('empty_voltage_V') - 0.01), iMax); // at the cutoff
    for (let k = 0; k < 150; k++) push(Math.min(60, num('max_gap_s') * 0.9), ocvAt(Math.max(z, 0)), 0); // settled rest
    for (let k = 0; k < 2000 && z < 1; k++) { z += dz; push(dt, ocvAt(z) + 0.05, -iMax); } // charge
    for (let k = 0; k < 20; k++) push(dt, Math.max(num('full_voltage_V'), ocvAt(1)), -num('full_taper_current_A') * 0.5); // CV taper
    for (let k = 0; k < 40; k++) push(k % 2 ? dt : dt / 2, ocvAt(z) - (k % 4 < 2 ? 0 : 0.05), k % 4 < 2 ? 0 : iMax); // current steps
    if (cycle !== 2) continue; // clean cycles around one cycle of faults: both must stay finite
    push(1e6, ocvAt(z), 0); // a long rest gap
    push(1e6, ocvAt(z), iMax); // a gap under load
    push(-5000, ocvAt(z), iMax); // the clock goes back
    push(0, ocvAt(z), iMax); // duplicate time
    push(1, vMax * 2, iMax); // implausible voltage
    push(1, ocvAt(z), iMax, 1e4); // implausible temperature
    push(1e12, ocvAt(z), 0); // a jump far ahead
  }
  return Float64Array.from(out);
}

function nonFinite(core: Core): string[] {
  const bad = Object.entries(core.snapshot()).filter(([, v]) => !Number.isFinite(v)).map(([k, v]) => `snapshot.${k}=${v}`);
  for (const region of ['SOC', 'CAPACITY', 'RESISTANCE', 'THERMAL', 'THROUGHPUT', 'RAINFLOW']) {
    for (const [k, v] of Object.entries(core.region(region))) {
      const vs = Array.isArray(v) ? v : [v];
      if (vs.some((x) => typeof x === 'number' && !Number.isFinite(x))) bad.push(`${region}.${k}`);
    }
  }
  return bad;
}

test('the range table allows no value that could make the state NaN: 300 blocks drawn across every range, edges included', () => {
  const n = WORDS.length;
  fc.assert(
    fc.property(fc.array(pick, { minLength: n, maxLength: n }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }), (picks, us) => {
      const block = drawBlock(picks, us, 2);
      assert.equal(rangeViolations(block), [], 'the drawn block is inside every range');
      const core = Core.create({ chemistry: 'NMC', version: 1 });
      assert.is(core.applyParams(block), 0, 'the core applies it');
      core.stepBatch(recording(core));
      const bad = nonFinite(core);
      assert.equal(bad, [], `non-finite after the recording: ${bad.join(', ')}`);
      assert.match(core.digest(), /^[0-9a-f]{16}$/);
    }),
    { numRuns: 300, seed: 15 },
  );
});

/** Runs the recording through a core with this block; returns what went non-finite. */
function runBlock(block: Uint8Array, what: string): string[] {
  const core = Core.create({ chemistry: 'NMC', version: 1 });
  assert.is(core.applyParams(block), 0, `${what}: applied`);
  core.stepBatch(recording(core));
  return nonFinite(core);
}

test('every field alone at its minimum and at its maximum (the rest as the preset), and all fields at once, keep the state finite', () => {
  const bad: string[] = [];
  for (const p of ['min', 'max'] as const) {
    WORDS.forEach((w, i) => {
      const picks = WORDS.map((_, j): Pick => (j === i ? p : 'preset'));
      const r = runBlock(drawBlock(picks, WORDS.map(() => 0.5), 2), `${w.name}=${p}`);
      if (r.length) bad.push(`${w.name} at ${p}: ${r.join(', ')}`);
    });
    const r = runBlock(drawBlock(WORDS.map(() => p), WORDS.map(() => 0.5), 2), `all at ${p}`);
    if (r.length) bad.push(`all at ${p}: ${r.join(', ')}`);
  }
  assert.equal(bad, []);
});

test('every variance at its smallest allowed value together (the issue: all six at 0 made SOC and capacity NaN) stays finite', () => {
  const names = new Set(['sigma_full', 'sigma_empty', 'sigma_voltage_V', 'current_gain_error', 'current_offset_A', 'cap_p0_frac', 'cap_sigma_w_Ah', 'ocv_sigma_max']);
  const picks = WORDS.map((w): Pick => (names.has(w.name) ? 'min' : 'preset'));
  assert.equal(runBlock(drawBlock(picks, WORDS.map(() => 0.5), 2), 'variances at min'), []);
});

test('the values the issue found (zero sigmas, zero current errors, zero capacity noise) are now refused', () => {
  for (const name of ['sigma_full', 'sigma_empty', 'current_gain_error', 'current_offset_A', 'cap_p0_frac', 'cap_sigma_w_Ah']) {
    const core = Core.create({ chemistry: 'NMC', version: 1 });
    assert.is(core.applyParams(buildParams('NMC', { version: 2, overrides: { [name]: 0 } })), 5, name);
  }
});

test.run();
