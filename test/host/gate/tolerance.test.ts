// Tolerances: defaults catch any change beyond float noise; exact names beat patterns; the longest
// pattern wins; abs/rel semantics are max(abs, rel*|golden|); malformed files are refused with a reason.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { GateError } from '../../../host/gate/errors.ts';
import { DEFAULT_TOLERANCE, defaultTolerances, exceeds, loadTolerances, parseTolerances, toleranceFor } from '../../../host/gate/tolerance.ts';

test('the default tolerance passes a 1e-12 relative change and fails a 1e-8 relative change and any counter step', () => {
  const t = toleranceFor(defaultTolerances(), 'final.capacity_Ah');
  assert.equal(t, DEFAULT_TOLERANCE);
  assert.not.ok(exceeds(1.5, 1.5 * (1 + 1e-12), t));
  assert.ok(exceeds(1.5, 1.5 * (1 + 1e-8), t));
  assert.ok(exceeds(123456, 123457, t));
  assert.ok(exceeds(0, 1e-11, t)); // at zero only abs applies: 1e-11 > 1e-12
});

test('a number passes when |delta| <= max(abs, rel * |golden|)', () => {
  const t = { abs: 0.01, rel: 0.1 };
  assert.not.ok(exceeds(0, 0.01, t)); // abs
  assert.ok(exceeds(0, 0.0101, t));
  assert.not.ok(exceeds(10, 11, t)); // rel: 1 <= 0.1 * 10
  assert.ok(exceeds(10, 11.01, t));
  assert.ok(exceeds(10, -10, t));
});

test('NaN equals NaN, NaN versus a number is a change, equal infinities are equal', () => {
  const t = { abs: 1, rel: 1 };
  assert.not.ok(exceeds(NaN, NaN, t));
  assert.ok(exceeds(NaN, 1, t));
  assert.ok(exceeds(1, NaN, t));
  assert.not.ok(exceeds(Infinity, Infinity, t));
  assert.ok(exceeds(Infinity, 1e308, t));
});

test('an exact field name beats a pattern, the longest pattern wins, unmatched fields take the default', () => {
  const set = parseTolerances(
    {
      default: { abs: 1, rel: 0 },
      fields: { '*': { abs: 2 }, '*.capacity_Ah': { abs: 3 }, 'cycles.*': { abs: 4 }, 'cycles.capacity_Ah': { abs: 5 }, 'final.t_s': { ignore: true } },
    },
    'test',
  );
  assert.is(toleranceFor(set, 'cycles.capacity_Ah').abs, 5);
  assert.is(toleranceFor(set, 'final.capacity_Ah').abs, 3); // '*.capacity_Ah' (12 literal chars) beats '*'
  assert.is(toleranceFor(set, 'cycles.soh').abs, 4);
  assert.is(toleranceFor(set, 'events.value').abs, 2);
  assert.is(toleranceFor(set, 'final.t_s').ignore, true);
  assert.is(toleranceFor(set, 'final.t_s').rel, 0); // a missing abs or rel in an entry is 0
  assert.is(toleranceFor(parseTolerances({ default: { abs: 1 } }, 't'), 'x').abs, 1);
});

test('a pattern only matches the whole field name and treats dots literally', () => {
  const set = parseTolerances({ fields: { 'final.soc': { abs: 9 }, 'final.s*c': { abs: 8 } } }, 'test');
  assert.is(toleranceFor(set, 'final.soc').abs, 9);
  assert.is(toleranceFor(set, 'final.soc_sigma').abs, DEFAULT_TOLERANCE.abs);
  assert.is(toleranceFor(set, 'finalXsoc').abs, DEFAULT_TOLERANCE.abs);
});

test('malformed tolerance files are refused with a GateError naming the problem', () => {
  const bad: [unknown, RegExp][] = [
    [[], /expected a JSON object/],
    [{ defaults: {} }, /unknown key 'defaults'/],
    [{ fields: { 'final.soc': { abs: -1 } } }, /final\.soc.*abs: expected a finite number >= 0/],
    [{ fields: { 'final.soc': { absolute: 1 } } }, /unknown key 'absolute'/],
    [{ fields: { 'final.soc': { ignore: 'yes' } } }, /ignore: expected true or false/],
    [{ fields: [] }, /"fields" must be an object/],
  ];
  for (const [doc, re] of bad) {
    try {
      parseTolerances(doc, 'tol.json');
      assert.unreachable(JSON.stringify(doc));
    } catch (err) {
      assert.instance(err, GateError);
      assert.is((err as GateError).code, 'bad-tolerance');
      assert.match((err as Error).message, re);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'bms-tol-'));
  writeFileSync(join(dir, 'bad.json'), '{ "fields": ');
  assert.throws(() => loadTolerances(join(dir, 'bad.json')), (e: unknown) => e instanceof GateError && e.code === 'bad-tolerance');
  assert.throws(() => loadTolerances(join(dir, 'none.json')), (e: unknown) => e instanceof GateError && e.code === 'not-found');
});

test('the example tolerance file shipped for CI users loads and means what it says', () => {
  const set = loadTolerances(join(import.meta.dirname, '../../../host/gate/tolerances.example.json'));
  assert.equal(toleranceFor(set, 'cycles.capacity_Ah'), { abs: 0.005, rel: 0 });
  assert.equal(toleranceFor(set, 'final.soh'), { abs: 0.0025, rel: 0 });
  assert.is(toleranceFor(set, 'log.records').ignore, true);
  assert.equal(toleranceFor(set, 'final.events_total'), DEFAULT_TOLERANCE);
});

test.run();
