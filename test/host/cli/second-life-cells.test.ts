// Every second-life command on every shared NASA cell and on degenerate inputs (issue 14): twin,
// grade, report and passport end with 0, 1, 2 or 3 and a plain one-line message, never an internal
// error or a stack trace. The replay of a cell is shared by the four commands (host/twin/replayed.ts
// caches it), so the eleven cells cost one core replay each.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../host/cli/main.ts';

const DATA = new URL('../../../fixtures/nasa-pcoe-battery/', import.meta.url).pathname;
const CELLS = readdirSync(DATA).filter((n) => /^B\d{4}$/.test(n)).sort();
const dir = mkdtempSync(join(tmpdir(), 'life14-'));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...xs: unknown[]) => void out.push(xs.map(String).join(' '));
  console.error = (...xs: unknown[]) => void err.push(xs.map(String).join(' '));
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  try {
    return { code: await main(argv), out: out.join('\n'), err: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
    process.stdout.write = write;
  }
}

function plain(r: { code: number; err: string }, what: string): void {
  assert.ok([0, 1, 2, 3].includes(r.code), `${what}: exit ${r.code} (${r.err.slice(0, 300)})`);
  assert.not.match(r.err, /internal error|\n\s+at /, `${what}: no internal error, no stack trace`);
  if (r.code !== 0) assert.ok(r.err.trim().length > 0, `${what}: a message says why`);
}

test('all eleven shared NASA cells through twin, grade, report and passport: exit 0..3, plain messages', async () => {
  const codes: string[] = [];
  for (const cell of CELLS) {
    const path = DATA + cell;
    const twin = await cli('twin', path, '--json');
    plain(twin, `${cell} twin`);
    if (twin.code === 0) {
      const doc = JSON.parse(twin.out) as { view: string; thresholds: { from: string; cycle: number | null; cycle_low: number | null; cycle_high: number | null }[] };
      assert.is(doc.view, 'device', `${cell}: the device's view by default`);
      for (const t of doc.thresholds.filter((x) => x.from === 'projection')) {
        assert.ok(t.cycle === null || t.cycle > 0, `${cell}: a projected crossing lies after the history`);
        assert.ok(t.cycle_low === null || t.cycle === null || t.cycle_low <= t.cycle, `${cell}: cycle_low <= cycle`);
        assert.ok(t.cycle_high === null || (t.cycle !== null && t.cycle_high >= t.cycle), `${cell}: cycle_high >= cycle`);
      }
    }
    const grade = await cli('grade', path, '--json');
    plain(grade, `${cell} grade`);
    const report = await cli('report', path, '-o', join(dir, `${cell}.html`), '--json');
    plain(report, `${cell} report`);
    const passport = await cli('passport', path, '-o', join(dir, `${cell}.passport.json`), '--json');
    plain(passport, `${cell} passport`);
    codes.push(`${cell} ${twin.code}/${grade.code}/${report.code}/${passport.code}`);
  }
  console.log(`  exit codes twin/grade/report/passport: ${codes.join(', ')}`);
});

test('degenerate inputs: one cycle, two cycles, a few hours of samples, end with 0..3 and a plain message', async () => {
  for (const until of ['1', '2']) {
    for (const cmd of ['twin', 'grade']) plain(await cli(cmd, DATA + 'B0045', '--history-until-cycle', until), `${cmd} B0045 until ${until}`);
    plain(await cli('report', DATA + 'B0045', '--history-until-cycle', until, '-o', join(dir, `short-${until}.html`)), `report until ${until}`);
  }
  // three hours at rest and one short discharge of a generic CSV recording: no capacity update at all
  const rows = ['# bms-edge generic CSV v1', '# chemistry=NMC rated_capacity_Ah=4 series_cells=1', 't_s,voltage_V,current_A,temp_degC'];
  for (let t = 0; t <= 3 * 3600; t += 10) rows.push(`${t},${t > 7200 ? (3.9 - (t - 7200) * 1e-5).toFixed(4) : '3.95'},${t > 7200 ? 2 : 0},25`);
  const csv = join(dir, 'few-hours.csv');
  writeFileSync(csv, rows.join('\n') + '\n');
  for (const cmd of ['twin', 'grade']) plain(await cli(cmd, csv), `${cmd} few hours`);
  plain(await cli('report', csv, '-o', join(dir, 'few-hours.html')), 'report few hours');
  const passport = await cli('passport', csv, '--json');
  plain(passport, 'passport few hours');
  const grade = await cli('grade', csv, '--json');
  if (grade.code === 0) {
    const g = JSON.parse(grade.out) as { provisional: boolean; provisional_reasons: string[] };
    assert.ok(g.provisional && g.provisional_reasons.length > 0, 'a grade on a few hours is provisional, with its reason');
  }
});

test.run();
