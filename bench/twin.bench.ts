/**
 * Twin benchmark: size of build/twin.wasm and its static memory, the time of the pieces a device or
 * the host runs: segment extraction (one day of 1-min samples), one projection step, a 60-year
 * daily projection, a NASA calibration (empirical, 168 points) with its band, a BLAST scalar
 * calibration (225 grid points), and the report end to end.
 * Run: npx tsx bench/twin.bench.ts
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TwinCore, TWIN_WASM_PATH } from '../host/twin/wasm.ts';
import { NAMED_SCENARIOS, scenarioProfile } from '../host/twin/scenarios.ts';
import { loadNasaCycles, historyUntil } from '../host/twin/history.ts';
import { calibrate } from '../host/twin/calibrate.ts';
import { calibrateBlast } from '../host/twin/calibrate-blast.ts';
import { projectCalibrated } from '../host/twin/project.ts';
import { buildReportData } from '../host/report/data.ts';
import { renderReportHtml } from '../host/report/html.ts';

const DATA = join(import.meta.dirname, '../fixtures/nasa-pcoe-battery');

function best(label: string, rounds: number, fn: () => void, per = 1, unit = 'call'): void {
  let min = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  console.log(`${label}: best of ${rounds} ${min.toFixed(3)} ms${per > 1 ? ` (${((min * 1e6) / per).toFixed(0)} ns/${unit})` : ''}`);
}

const core = new TwinCore();
const bytes = statSync(TWIN_WASM_PATH).size;
const mod = new WebAssembly.Module(readFileSync(TWIN_WASM_PATH));
console.log(`twin.wasm: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB), ${WebAssembly.Module.imports(mod).length} imports, ${WebAssembly.Module.exports(mod).length} exports`);

const day = scenarioProfile(NAMED_SCENARIOS['storage-25']!);
best('segment extraction, 1441 one-minute samples (Kokam)', 20, () => {
  core.reset('nmcKokam');
  core.segmentFromSamples(day.t_s, day.soc, day.temp_degC);
}, day.t_s.length, 'sample');
best('projection, 21 900 daily steps (60 y, Kokam)', 20, () => {
  core.reset('nmcKokam');
  core.segmentFromSamples(day.t_s, day.soc, day.temp_degC);
  core.project(21_900, []);
}, 21_900, 'step');

const h = historyUntil(loadNasaCycles(join(DATA, 'B0005')), 67);
best('empirical calibration, B0005 first 67 discharges (252-point grid)', 10, () => void calibrate(core, h));
const c = calibrate(core, h);
best(`as-recorded projection with band (${c.sets.length} accepted sets)`, 10, () => void projectCalibrated(core, c, { kind: 'as-recorded' }, [0.7]));
const hl = { ...h, chemistry: 'LFP' };
best('BLAST scalar calibration, lfpSony, 67 points x 225 grid points', 5, () => void calibrateBlast(core, hl, 'lfpSony'));
best('report data + HTML, B0005 whole life (includes the core replay)', 3, () => void renderReportHtml(buildReportData(join(DATA, 'B0005'))));
