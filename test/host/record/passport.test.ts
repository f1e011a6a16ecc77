// The Battery Pass Performance and Durability 1.2.1 passport of replayed NASA cells: it validates
// against the consortium's own JSON Schema (ajv-draft-04 + ajv-formats), every Annex VII attribute
// has a value or an explicit reason, placeholders never appear without their reason, every unit is
// read one way, and the Annex VII list agrees with schemas/passport/README.md.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRecording } from '../../../host/readers/open.ts';
import { replayRecording } from '../../../host/replay/replay.ts';
import { recordFromReplay } from '../../../host/record/build.ts';
import { readIdentityConfig } from '../../../host/record/identity.ts';
import { nasaClockEpoch } from '../../../host/record/clock.ts';
import { buildPassport, type NotAvailable } from '../../../host/record/passport.ts';
import { validatePassport, PASSPORT_SCHEMA_PATH } from '../../../host/record/passport-validate.ts';
import { ANNEX_VII, EXTENSION } from '../../../host/record/annex-vii.ts';
import { UNITS, placeholderFor, PLACEHOLDER_URI } from '../../../host/record/passport-units.ts';
import type { BmsRecord } from '../../../host/record/model.ts';
import { EXPORTED_AT } from './sample.ts';

const README = join(PASSPORT_SCHEMA_PATH, '../README.md');
const SHARED = join(PASSPORT_SCHEMA_PATH, '../../data/nasa-pcoe-battery');
const config = readIdentityConfig('record/identity.example.json');

function recordOf(folder: string, withConfig: boolean): BmsRecord {
  const ctx: Parameters<typeof recordFromReplay>[1] = { exportedAt: EXPORTED_AT, sourceName: folder };
  if (withConfig) ctx.config = config;
  const clock = nasaClockEpoch(folder);
  if (clock) ctx.clock = clock;
  return recordFromReplay(replayRecording(openRecording(folder), withConfig ? { ratedCapacity_Ah: 2 } : {}), ctx);
}

const b5 = recordOf('fixtures/B0005', true);
const passport = buildPassport(b5);
const ext = passport[EXTENSION] as { notAvailable: NotAvailable[]; deepDischargeEvents: { value: number }; annexVII: { attribute: string; available: boolean }[] };

const at = (doc: unknown, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], doc);

test('the passport of replayed NASA cell B0005 validates against the Battery Pass 1.2.1 schema', () => {
  assert.equal(validatePassport(passport), []);
});

test('the passports of the other shared NASA cells validate too, with and without an identity config', () => {
  const cells = ['B0006', 'B0007', 'B0018'].map((c) => join(SHARED, c)).filter(existsSync);
  for (const folder of cells) assert.equal(validatePassport(buildPassport(recordOf(folder, false))), [], folder);
  assert.equal(validatePassport(buildPassport(recordOf('fixtures/B0005', false))), []);
});

test('the validator can fail: the correctly spelt top-level key and a string value are refused', () => {
  const { batteryTechicalProperties, ...rest } = passport;
  assert.ok(validatePassport({ ...rest, batteryTechnicalProperties: batteryTechicalProperties }).length > 0);
  const bad = structuredClone(passport) as { batteryCondition: { stateOfCharge: { stateOfChargeValue: unknown } } };
  bad.batteryCondition.stateOfCharge.stateOfChargeValue = '64';
  assert.ok(validatePassport(bad).length > 0);
});

test('every Annex VII attribute has a value or an explicit reason why not', () => {
  for (const a of ANNEX_VII) {
    const value = at(passport, a.attribute);
    const reason = ext.notAvailable.find((n) => n.attribute === a.attribute || n.attribute.startsWith(`${a.attribute}.`));
    assert.ok(value !== undefined, `${a.attribute} is in the passport`);
    if (reason) assert.ok(reason.reason.length > 20, `${a.attribute}: reason '${reason.reason}'`);
    else assert.ok(value !== null && !(Array.isArray(value) && value.length === 0), `${a.attribute} has a value`);
    assert.is(ext.annexVII.find((x) => x.attribute === a.attribute)!.available, !reason);
  }
});

test('measured attributes carry the core counters in the chosen units (exact conversions)', () => {
  const c = b5.counters;
  const cond = passport.batteryCondition as Record<string, Record<string, number>>;
  assert.is(cond.remainingCapacity!.remainingCapacityValue, Number(c.capacity_Ah!.toPrecision(6)));
  assert.is(cond.energyThroughput!.energyThroughputValue, Number((c.dis_Wh! / 1000).toPrecision(6)));
  assert.is(cond.capacityThroughput!.capacityThroughputValue, Number(c.dis_Ah!.toPrecision(6)));
  assert.is(cond.numberOfFullCycles!.numberOfFullCyclesValue, Math.floor(c.efc!));
  assert.is(cond.temperatureInformation!.timeExtremeHighTemp, Number((c.extreme_high_s! / 60).toPrecision(6)));
  assert.is(cond.capacityFade!.capacityFadeValue, Number(((1 - c.capacity_Ah! / 2) * 100).toPrecision(6)));
  assert.is(ext.deepDischargeEvents.value, c.deep_discharge_events);
  // B0005's last readings at rest (0.24 V, one sample) are a sensor glitch, not a deep discharge (issue 14)
  assert.is(c.deep_discharge_events, 0, 'no confirmed deep discharge');
  assert.ok((ext as unknown as { measured: { sensorGlitches: number } }).measured.sensorGlitches >= 1, 'the glitch is counted apart');
  assert.match((cond.stateOfCharge as unknown as { lastUpdate: string }).lastUpdate, /^2008-05-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

test('placeholders appear exactly where notAvailable lists them, with the documented value', () => {
  for (const n of ext.notAvailable) {
    if (n.placeholder === null) continue;
    assert.is(at(passport, n.attribute), n.placeholder, n.attribute);
    assert.ok(n.placeholder === PLACEHOLDER_URI || n.placeholder === placeholderFor(n.attribute), n.attribute);
  }
  const listed = new Set(ext.notAvailable.map((n) => n.attribute));
  const walk = (o: unknown, path: string): void => {
    if (typeof o === 'number' && (o === -1 || o === 101 || o === -101)) assert.ok(listed.has(path), `placeholder-like value at ${path} without a notAvailable entry`); else if (o && typeof o === 'object' && !Array.isArray(o)) for (const [k, v] of Object.entries(o)) walk(v, path ? `${path}.${k}` : k);
  };
  walk({ batteryTechicalProperties: passport.batteryTechicalProperties, batteryCondition: passport.batteryCondition }, '');
});

test('every attribute of the schema has one unit reading', () => {
  const schema = JSON.parse(readFileSync(PASSPORT_SCHEMA_PATH, 'utf8')) as { components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
  const tech = Object.keys(schema.components.schemas.BatteryTechnicalPropertiesEntity!.properties!);
  const cond = Object.keys(passport.batteryCondition as object);
  for (const name of tech.filter((n) => n !== 'lifetimeReferenceTest')) assert.ok(Object.keys(UNITS).some((k) => k.startsWith(`batteryTechicalProperties.${name}`)), name);
  for (const name of cond.filter((n) => n !== 'negativeEvents')) assert.ok(Object.keys(UNITS).some((k) => k.startsWith(`batteryCondition.${name}`)), name);
});

test('the Annex VII attribute list agrees with schemas/passport/README.md', () => {
  const md = readFileSync(README, 'utf8');
  const fromReadme = new Map<string, string>();
  const tables = md.slice(md.indexOf('## Performance and Durability 1.2.1: attributes'), md.indexOf('### Annex VII items the Performance schema does not cover'));
  for (const line of tables.split('\n')) {
    if (!line.startsWith('| `')) continue;
    const cols = line.split('|').map((c) => c.trim());
    const annex = cols[cols.length - 2]!;
    if (annex.startsWith('—')) continue;
    const code = /Part A/.test(annex) ? 'A (EV)' : /([AB]\(\d\))/.exec(annex)?.[1];
    assert.ok(code, `no Annex VII code in '${annex}'`);
    fromReadme.set(/`(\w+)/.exec(cols[1]!)![1]!, code!); // the attribute is the first name of the row
  }
  const ours = new Map(ANNEX_VII.filter((a) => a.where === 'schema').map((a) => [a.attribute.split('.').pop()!, a.item]));
  assert.equal([...ours.keys()].sort(), [...fromReadme.keys()].sort());
  for (const [name, code] of fromReadme) assert.ok(ours.get(name)!.startsWith(code), `${name}: README says ${code}, we say ${ours.get(name)}`);
  const section = md.slice(md.indexOf('### Annex VII items the Performance schema does not cover'));
  const missingItems = [...section.slice(0, section.indexOf('\n### ', 5)).matchAll(/^- \*\*([AB]\(\d\))/gm)].map((m) => m[1]!);
  assert.equal(missingItems.sort(), ['A(5)', 'B(1)', 'B(4)']);
  for (const code of missingItems) assert.ok(ANNEX_VII.some((a) => a.where === 'extension' && a.item.startsWith(code)), code);
});

test.run();
