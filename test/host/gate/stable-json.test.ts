// Golden files are stable: same values give the same bytes whatever the key order; non-finite numbers survive.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeNonFinite, stableStringify } from '../../../host/gate/stable-json.ts';

test('keys are sorted at every depth, so insertion order does not change the bytes', () => {
  const a = stableStringify({ b: 1, a: { z: [1, { y: 2, x: 3 }], c: null } });
  const b = stableStringify({ a: { c: null, z: [1, { x: 3, y: 2 }] }, b: 1 });
  assert.is(a, b);
  assert.ok(a.indexOf('"a"') < a.indexOf('"b"'));
  assert.ok(a.indexOf('"x"') < a.indexOf('"y"'));
  assert.ok(a.endsWith('}\n'));
});

test('NaN and infinities are written as strings and read back as numbers; undefined members are dropped', () => {
  const text = stableStringify({ n: NaN, p: Infinity, m: -Infinity, u: undefined, v: [NaN, 1] });
  assert.not.match(text, /"u"/);
  const back = decodeNonFinite(JSON.parse(text)) as Record<string, unknown>;
  assert.ok(Number.isNaN(back.n));
  assert.is(back.p, Infinity);
  assert.is(back.m, -Infinity);
  assert.ok(Number.isNaN((back.v as number[])[0]));
  assert.is((back.v as number[])[1], 1);
});

test('numbers keep full double precision through a round trip', () => {
  const x = 0.1 + 0.2;
  const back = decodeNonFinite(JSON.parse(stableStringify({ x }))) as { x: number };
  assert.ok(Object.is(back.x, x));
});

test.run();
