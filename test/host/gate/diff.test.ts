// Diff: identical records show nothing; each kind of change is found, named by field and path, with
// its size; tolerances and ignores apply; upstream changes (parameters, versions) are explained.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diffRecording } from '../../../host/gate/diff.ts';
import { flatten } from '../../../host/gate/flatten.ts';
import { renderDiff } from '../../../host/gate/render.ts';
import { defaultTolerances, parseTolerances } from '../../../host/gate/tolerance.ts';
import { clone, sampleGolden } from './sample-golden.ts';

const tol = defaultTolerances();

test('a record compared with itself has no regression and counts every gated value', () => {
  const g = sampleGolden();
  const d = diffRecording(g, clone(g), tol);
  assert.equal(d.regressions, []);
  assert.equal(d.notes, []);
  assert.is(d.compared, flatten(g).size);
  assert.is(d.perField['cycles.capacity_Ah'], 3);
  assert.match(renderDiff('B0005', d), /B0005: no value moved beyond tolerance/);
});

test('informational members (digests, params, versions, options) are not gated leaves', () => {
  const paths = [...flatten(sampleGolden()).keys()];
  for (const p of paths) assert.not.match(p, /^(digest|params|params_digest|core_version|core_wasm_digest|layout_version|params_version|options)\b/, p);
  assert.ok(paths.includes('cycles[2].capacity_Ah'));
  assert.ok(paths.includes('events[1].value'));
  assert.ok(paths.includes('histograms.dod_hist[1][1]'));
});

test('a moved estimate is reported with golden, actual, absolute and relative delta and the tolerance', () => {
  const g = sampleGolden();
  const a = clone(g);
  a.cycles[1]!.capacity_Ah = 1.8;
  a.final.capacity_Ah = 1.83;
  const d = diffRecording(g, a, tol);
  assert.is(d.regressions.length, 2);
  const c = d.regressions.find((r) => r.path === 'cycles[2].capacity_Ah')!;
  assert.is(c.field, 'cycles.capacity_Ah');
  assert.is(c.kind, 'moved');
  assert.is(c.golden, 1.85);
  assert.is(c.actual, 1.8);
  assert.ok(Math.abs(c.delta! + 0.05) < 1e-12, `${c.delta}`);
  assert.ok(Math.abs(c.rel! + 0.05 / 1.85) < 1e-12, `${c.rel}`);
  const text = renderDiff('B0005', d);
  assert.match(text, /2 value\(s\) moved beyond tolerance in 2 field\(s\)/);
  assert.match(text, /cycles\.capacity_Ah\s+1\/3\s+cycles\[2\]\.capacity_Ah\s+1\.85\s+1\.8\s+-0\.0500\s+-2\.70 %/);
  assert.match(text, /final\.capacity_Ah\s+1\/1/);
});

test('a move within its field tolerance passes and is counted as within tolerance; ignored fields are not compared', () => {
  const g = sampleGolden();
  const a = clone(g);
  a.cycles[0]!.capacity_Ah = 1.86 + 0.001;
  a.final.t_s = 10800 + 5;
  const loose = parseTolerances({ fields: { '*.capacity_Ah': { abs: 0.002 }, 'final.t_s': { ignore: true } } }, 't');
  const d = diffRecording(g, a, loose);
  assert.equal(d.regressions, []);
  assert.is(d.within, 1);
  assert.is(d.compared, flatten(g).size - 1);
  assert.is(diffRecording(g, a, tol).regressions.length, 2);
});

test('a lost discharge row is missing, a new one is added, a new event is added and the counter moves', () => {
  const g = sampleGolden();
  const a = clone(g);
  a.cycles.pop();
  a.cycles.push({ ...a.cycles[0]!, cycle: 9 });
  a.events.push({ t_s: 300, event: 'DEEP_DISCHARGE', value: 1.9, count: 1, flags: 8 });
  a.final.events_total = 3;
  const d = diffRecording(g, a, tol);
  const kinds = (k: string) => d.regressions.filter((r) => r.kind === k).map((r) => r.path);
  assert.ok(kinds('missing').includes('cycles[3].capacity_Ah'));
  assert.ok(kinds('added').includes('cycles[9].capacity_Ah'));
  assert.ok(kinds('added').includes('events[2].event'));
  assert.ok(d.regressions.some((r) => r.path === 'final.events_total' && r.kind === 'moved' && r.delta === 1));
  const text = renderDiff('B0005', d);
  assert.match(text, /cycles\.capacity_Ah: 1 value\(s\) in the golden but not in this replay: cycles\[3\]/);
  assert.match(text, /events\.event: 1 value\(s\) in this replay but not in the golden: events\[2\]/);
});

test('a changed string (event type) and a number that became null are regressions', () => {
  const g = sampleGolden();
  const a = clone(g);
  a.events[0]!.event = 'OVER_VOLTAGE';
  a.accuracy.capacity_rmse_Ah = null;
  const d = diffRecording(g, a, tol);
  assert.equal(d.regressions.map((r) => r.path).sort(), ['accuracy.capacity_rmse_Ah', 'events[0].event']);
});

test('a parameter change is explained by name at float32 precision, without the block CRC', () => {
  const g = sampleGolden();
  const a = clone(g);
  a.params.cap_sigma_w_Ah = Math.fround(0.001);
  (a.params.ocv_V as number[])[1] = Math.fround(3.75);
  a.params.crc32 = 2;
  a.params_digest = 'bbbbbbbbbbbbbbbb';
  a.options = { overrides: { cap_sigma_w_Ah: 0.001 } };
  a.core_version = '0.2.0';
  a.core_wasm_digest = '2222222222222222';
  a.digest = 'fedcba9876543210';
  const notes = diffRecording(g, a, tol).notes.join('\n');
  assert.match(notes, /core version 0\.1\.0 -> 0\.2\.0/);
  assert.match(notes, /core binary changed \(core\.wasm digest 1111111111111111 -> 2222222222222222\)/);
  assert.match(notes, /parameter block changed \(digest aaaaaaaaaaaaaaaa -> bbbbbbbbbbbbbbbb\): cap_sigma_w_Ah 0\.02 -> 0\.001, ocv_V\[1\] 3\.7 -> 3\.75$/m);
  assert.not.match(notes, /crc32/);
  assert.match(notes, /replay options .*cap_sigma_w_Ah/);
  assert.match(notes, /state digest 0123456789abcdef -> fedcba9876543210/);
});

test.run();
