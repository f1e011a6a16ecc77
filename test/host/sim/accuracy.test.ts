/**
 * Ground-truth acceptance (issue 6): two simulated years of random partial cycles with sensor noise,
 * jitter and dropouts, one NMC and one LFP pack, replayed through the core sample by sample. The
 * core's SOC and SOH are read every 60 samples and compared with the simulator's truth (mean-cell
 * definitions, host/sim/pack.ts); resistance is checked at every read once the core has accepted
 * 20 steps. Targets: SOH RMSE <= 2 % of rated; SOC RMSE <= 2 % (NMC), <= 3 % (LFP); |R/R_true - 1|
 * <= 10 %. The targets are asserted as given (never relaxed to fit the core).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Core } from '../../../host/core/core.ts';
import { defaultConfig, Simulation, type SimChemistry } from '../../../host/sim/simulation.ts';
import { makeProfile } from '../../../host/sim/profiles/index.ts';
import { ArraySink } from '../../../host/sim/sinks.ts';

const YEARS = 2;
const EVERY = 60;

interface Figures {
  socRmse: number;
  sohRmse: number;
  rWorst: number;
  rChecked: number;
  capStart: number;
  capEnd: number;
  rStart: number;
  rEnd: number;
  samples: number;
}

function evaluate(chemistry: SimChemistry, seriesCells: number, rated_Ah: number, seed: number): Figures {
  const cfg = defaultConfig({ chemistry, seriesCells, ratedCapacity_Ah: rated_Ah, seed });
  const sim = new Simulation(cfg, makeProfile('partial'));
  const sink = new ArraySink();
  sim.sink = sink;
  sim.advanceTo(YEARS * 365 * 86400);
  const core = Core.create({ chemistry, ratedCapacity_Ah: rated_Ah, seriesCells });
  let se = 0, he = 0, m = 0, rWorst = 0, rChecked = 0;
  for (let k = 0; k < sink.n; k += EVERY) {
    const end = Math.min(sink.n, k + EVERY);
    core.stepBatch(sink.samples.subarray(4 * k, 4 * end));
    const s = core.snapshot();
    const j = end - 1;
    se += (s.soc! - sink.soc[j]!) ** 2;
    he += (s.soh! - sink.capacity_Ah[j]! / rated_Ah) ** 2;
    m++;
    if (s.resistance_updates! >= 20) {
      rWorst = Math.max(rWorst, Math.abs(s.resistance_ohm! / sink.resistance_ohm[j]! - 1));
      rChecked++;
    }
  }
  const last = sink.n - 1;
  return {
    socRmse: Math.sqrt(se / m), sohRmse: Math.sqrt(he / m), rWorst, rChecked, samples: sink.n,
    capStart: sink.capacity_Ah[0]!, capEnd: sink.capacity_Ah[last]!, rStart: sink.resistance_ohm[0]!, rEnd: sink.resistance_ohm[last]!,
  };
}

let nmc: Figures | undefined, lfp: Figures | undefined;
/** SIM_FIGURES=1 prints the measured figures (for the closing note). */
const show = (name: string, f: Figures): Figures => {
  if (process.env.SIM_FIGURES) console.log(name, JSON.stringify(f));
  return f;
};
const NMC = (): Figures => (nmc ??= show('NMC', evaluate('NMC', 14, 50, 7)));
const LFP = (): Figures => (lfp ??= show('LFP', evaluate('LFP', 16, 100, 7)));
const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;

test('NMC and LFP truth really ages over two years: capacity falls >= 3 %, resistance rises >= 2 %', () => {
  for (const [name, f] of [['NMC', NMC()], ['LFP', LFP()]] as const) {
    assert.ok(f.samples > 1_000_000, `${name}: ${f.samples} samples`);
    assert.ok(f.capEnd < 0.97 * f.capStart, `${name}: capacity ${f.capStart} -> ${f.capEnd}`);
    assert.ok(f.rEnd > 1.02 * f.rStart, `${name}: R ${f.rStart} -> ${f.rEnd}`);
  }
});

test('NMC 14s 50 Ah, 2 years partial cycles + noise: SOH RMSE <= 2 % of rated against true capacity', () => {
  assert.ok(NMC().sohRmse <= 0.02, `SOH RMSE ${pct(NMC().sohRmse)}`);
});

test('NMC 14s 50 Ah, 2 years partial cycles + noise: SOC RMSE <= 2 %', () => {
  assert.ok(NMC().socRmse <= 0.02, `SOC RMSE ${pct(NMC().socRmse)}`);
});

test('NMC 14s 50 Ah: resistance within 10 % of the true mean-cell R0 at every read after 20 accepted steps', () => {
  assert.ok(NMC().rChecked > 10_000, `${NMC().rChecked} reads checked`);
  assert.ok(NMC().rWorst <= 0.1, `worst |R/R_true - 1| ${pct(NMC().rWorst)}`);
});

test('LFP 16s 100 Ah, 2 years partial cycles + noise: SOH RMSE <= 2 % of rated', () => {
  assert.ok(LFP().sohRmse <= 0.02, `SOH RMSE ${pct(LFP().sohRmse)}`);
});

test('LFP 16s 100 Ah, 2 years partial cycles + noise: SOC RMSE <= 3 %', () => {
  assert.ok(LFP().socRmse <= 0.03, `SOC RMSE ${pct(LFP().socRmse)}`);
});

test('LFP 16s 100 Ah: resistance within 10 % of the true mean-cell R0 at every read after 20 accepted steps', () => {
  assert.ok(LFP().rChecked > 10_000, `${LFP().rChecked} reads checked`);
  assert.ok(LFP().rWorst <= 0.1, `worst |R/R_true - 1| ${pct(LFP().rWorst)}`);
});

test.run();
