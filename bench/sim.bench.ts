/**
 * Simulator benchmark: simulated seconds per wall second for a 16-cell 50 Ah NMC pack on the
 * random partial-cycle profile (60 s logging, 1 s around every current step), with sensor noise,
 * (a) with the WASM core running inside the simulated BMS on every measurement, (b) without it,
 * (c) with the core and the generic CSV text produced (the --out path minus the disk). Best of 3,
 * wall time and process CPU time (the latter is what to compare on a shared machine). Then (d) one
 * scored acceptance scenario (issue 12): 2 simulated years of a 4s LFP pack on the window profile
 * with reference tests, replayed through the core and scored at start (what each of the six
 * acceptance tests costs).
 */
import { defaultConfig, Simulation } from '../host/sim/simulation.ts';
import { makeProfile } from '../host/sim/profiles/index.ts';
import { csvHeader, CsvSink } from '../host/sim/sinks.ts';
import { acceptanceConfig, runScenario } from '../host/sim/scenario.ts';

const DAYS = Number(process.argv[2] ?? 60);

function bench(label: string, core: boolean, csv: boolean): void {
  let best = Infinity, steps = 0, chars = 0, cpu = Infinity;
  for (let r = 0; r < 3; r++) {
    const sim = new Simulation(defaultConfig({ seriesCells: 16, core, seed: 1 + r }), makeProfile('partial'));
    let n = 0;
    if (csv) sim.sink = new CsvSink((c) => (n += c.length), csvHeader({ chemistry: 'NMC', rated_Ah: 50, seriesCells: 16, extra: {} }));
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    sim.advanceTo(DAYS * 86400);
    (sim.sink as CsvSink | undefined)?.close();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1e6);
    if (s < best) { best = s; steps = sim.steps; chars = n; }
  }
  const simS = DAYS * 86400;
  console.log(`${label}: ${DAYS} days, ${steps} steps in ${best.toFixed(2)} s -> ${(simS / best).toFixed(0)} simulated s per wall s `
    + `(${((best / steps) * 1e6).toFixed(2)} us/step; 2 years in ${((best * 730) / DAYS).toFixed(1)} s)${csv ? `, ${(chars / 1e6).toFixed(1)} MB CSV` : ''}; `
    + `CPU time ${cpu.toFixed(2)} s -> ${(simS / cpu).toFixed(0)} simulated s per CPU s (robust to a loaded machine)`);
}

bench('16s NMC, core in the BMS', true, false);
bench('16s NMC, no core', false, false);
bench('16s NMC, core + CSV text', true, true);

{
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const r = runScenario(acceptanceConfig('LFP', 7, 3), 'window', 730);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  console.log(`scored scenario (4s LFP, window, 2 years, 3-min logging): ${r.samples} samples, ${r.references} reference tests, `
    + `${s.toFixed(2)} s wall, CPU ${((c.user + c.system) / 1e6).toFixed(2)} s; RMSE at start ${(100 * r.score.rmse_frac).toFixed(2)} % of rated`);
}
