// `bms-edge twin` through its command module: the JSON document's shape, --history-until-cycle,
// named and file scenarios, and the exit codes for bad input.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../host/cli/commands/twin.ts';
import { CliError, Exit } from '../../../host/cli/exit-codes.ts';

const B0005 = new URL('../../../fixtures/nasa-pcoe-battery/B0005', import.meta.url).pathname;

async function capture(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const orig = console.log;
  console.log = (...xs: unknown[]) => void lines.push(xs.join(' '));
  try {
    const code = await run(args);
    return { code, out: lines.join('\n') };
  } finally {
    console.log = orig;
  }
}

test('--json prints one document with thresholds {soh, years, efc, cycle} and a trajectory', async () => {
  const { code, out } = await capture([B0005, '--history-until-cycle', '67', '--json']);
  assert.is(code, Exit.OK);
  const doc = JSON.parse(out) as {
    thresholds: { soh: number; years: number; efc: number; cycle: number }[];
    trajectory: { soh: number; cycle: number; soh_low: number | null; soh_high: number | null }[];
  };
  assert.equal(doc.thresholds.map((t) => t.soh), [0.8, 0.7, 0.6]);
  for (const t of doc.thresholds) {
    assert.type(t.years, 'number');
    assert.type(t.efc, 'number');
    assert.ok(Number.isInteger(t.cycle) && t.cycle > 67, `cycle ${t.cycle} after the history`);
  }
  assert.ok(doc.thresholds[0]!.cycle < doc.thresholds[1]!.cycle && doc.thresholds[1]!.cycle < doc.thresholds[2]!.cycle, 'thresholds in order');
  assert.ok(doc.trajectory.length >= 2, 'trajectory rows');
  assert.ok(doc.trajectory[0]!.soh > doc.trajectory[doc.trajectory.length - 1]!.soh, 'SOH falls along the trajectory');
  const banded = doc.trajectory.filter((p) => p.soh_low !== null);
  assert.ok(banded.length > 0, 'the fit band travels with the trajectory');
  for (const p of banded) assert.ok(p.soh_low! <= p.soh + 1e-12 && p.soh <= p.soh_high! + 1e-12, 'low <= SOH <= high');
});

test('a scenario file is accepted and a hotter copy of it ages faster in years', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'twin-'));
  const base = { socHigh: 0.9, socLow: 0.1, restAt: 'low', chargeCrate: 0.5, dischargeCrate: 0.5, cyclesPerDay: 1 };
  writeFileSync(join(dir, 'cool.json'), JSON.stringify({ ...base, temp_degC: 15 }));
  writeFileSync(join(dir, 'hot.json'), JSON.stringify({ ...base, temp_degC: 40 }));
  const years = async (f: string) => {
    const { out } = await capture([B0005, '--history-until-cycle', '67', '--scenario', join(dir, f), '--thresholds', '0.6', '--json']);
    return (JSON.parse(out) as { thresholds: { years: number }[] }).thresholds[0]!.years;
  };
  assert.ok((await years('hot.json')) < (await years('cool.json')));
});

test('an unknown scenario or a missing recording exits with BAD_INPUT, a bad option with USAGE', async () => {
  for (const args of [[B0005, '--scenario', 'nope'], ['/nonexistent/cell']]) {
    try {
      await capture(args);
      assert.unreachable('should throw');
    } catch (err) {
      assert.instance(err, CliError);
      assert.is((err as CliError).exitCode, Exit.BAD_INPUT);
    }
  }
  try {
    await capture([B0005, '--thresholds', '7']);
    assert.unreachable('should throw');
  } catch (err) {
    assert.is((err as CliError).exitCode, Exit.USAGE);
  }
});

test('scenario inputs one by one: hotter as-recorded ages sooner; a window and C-rate reshape a named scenario; --crate on as-recorded is refused', async () => {
  const cycle = async (extra: string[]) => {
    const { out } = await capture([B0005, '--history-until-cycle', '67', '--thresholds', '0.7', '--json', ...extra]);
    return JSON.parse(out) as { scenario: string; thresholds: { cycle: number; years: number }[] };
  };
  const base = await cycle([]);
  const hot = await cycle(['--temp', '45']);
  assert.ok(hot.thresholds[0]!.cycle < base.thresholds[0]!.cycle, `45 degC ${hot.thresholds[0]!.cycle} vs ${base.thresholds[0]!.cycle}`);
  const slow = await cycle(['--cycles-per-day', '0.5']);
  assert.ok(slow.thresholds[0]!.years > base.thresholds[0]!.years, 'fewer cycles per day take longer');
  const shaped = await cycle(['--scenario', 'storage-25', '--soc-window', '0.2,0.6', '--crate', '1']);
  assert.is(shaped.scenario, 'storage-25+overrides');
  try {
    await capture([B0005, '--crate', '1']);
    assert.unreachable('should throw');
  } catch (err) {
    assert.is((err as CliError).exitCode, Exit.BAD_INPUT);
  }
});

test.run();
