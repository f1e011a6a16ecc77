// Passport honesty (issue 14, point 6): a value the device never measured is listed as not available
// with its reason, never written as a measurement, and the passport still validates against the
// Battery Pass 1.2.1 schema (schemas/passport/). A few hours of samples give no capacity update; a
// NASA cell's whole life gives hundreds.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../host/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'passport-honesty-'));
const B0005 = new URL('../../../fixtures/nasa-pcoe-battery/B0005', import.meta.url).pathname;
/** The passport as JSON: nested objects of unknown shape, read by path. */
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Extension {
  notAvailable: { attribute: string; reason: string }[];
  measured: Record<string, number | null>;
}
const extensionOf = (doc: Doc): Extension => Object.values(doc).find((v) => v && Array.isArray((v as Extension).notAvailable)) as Extension;
const CAPACITY = ['batteryCondition.remainingCapacity.remainingCapacityValue', 'batteryCondition.capacityFade.capacityFadeValue'];

async function passport(input: string, name: string): Promise<{ code: number; doc: Doc }> {
  const out = join(dir, `${name}.json`);
  const log = console.log;
  console.log = () => {};
  try {
    const code = await main(['passport', input, '-o', out, '--json']);
    return { code, doc: JSON.parse(readFileSync(out, 'utf8')) };
  } finally {
    console.log = log;
  }
}

test('no capacity update: remaining capacity and capacity fade are not available, with the reason; schema-valid', async () => {
  const rows = ['# bms-edge generic CSV v1', '# chemistry=NMC rated_capacity_Ah=4 series_cells=1', 't_s,voltage_V,current_A,temp_degC'];
  for (let t = 0; t <= 3 * 3600; t += 10) rows.push(`${t},3.9,${t > 7200 ? 1 : 0},25`);
  const csv = join(dir, 'hours.csv');
  writeFileSync(csv, rows.join('\n') + '\n');
  const { code, doc } = await passport(csv, 'hours');
  assert.is(code, 0, 'valid against the 1.2.1 schema');
  const ext = extensionOf(doc);
  const na = ext.notAvailable.filter((n) => CAPACITY.includes(n.attribute));
  assert.is(na.length, 2, 'both capacity values listed as not available');
  for (const n of na) assert.match(n.reason, /never updated/);
  assert.ok(doc.batteryCondition.remainingCapacity['x-notAvailable'], 'marked in place');
  assert.is(ext.measured.stateOfHealth_pct, null, 'no SOH written as measured');
});

test('a cell whose capacity was estimated: remaining capacity is written as measured', async () => {
  const { code, doc } = await passport(B0005, 'b0005');
  assert.is(code, 0);
  const ext = extensionOf(doc);
  assert.not.ok(ext.notAvailable.some((n) => CAPACITY.includes(n.attribute)));
  const cap = doc.batteryCondition.remainingCapacity.remainingCapacityValue;
  assert.ok(cap > 1 && cap < 2, `remaining capacity ${cap} Ah`);
  assert.type(ext.measured.sensorGlitches, 'number');
});

test.run();
