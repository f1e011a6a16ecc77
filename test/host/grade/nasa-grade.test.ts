// `bms-edge grade` on the four shared NASA cells at their last discharge: the SOH and resistance it
// grades on are the measured ones (capacity of the last discharge / 2.0 Ah; Re + Rct of the last EIS
// over the first), and its grade is what the §7 rule set gives for that evidence. Expected bands
// from SOH and resistance alone (README numbers): B0006 recycle (SOH 0.593), the others light duty.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../../../host/cli/commands/grade.ts';
import { gradeEvidence, type GradeResult } from '../../../host/grade/rules.ts';
import type { Evidence } from '../../../host/grade/evidence.ts';
import { loadNasaCycles } from '../../../host/twin/history.ts';

const DATA = new URL('../../../fixtures/nasa-pcoe-battery/', import.meta.url).pathname;

async function gradeJson(path: string, ...flags: string[]): Promise<GradeResult & { evidence: Evidence }> {
  const lines: string[] = [];
  const orig = console.log;
  console.log = (...xs: unknown[]) => void lines.push(xs.join(' '));
  try {
    assert.is(await run([path, ...flags, '--json']), 0);
  } finally {
    console.log = orig;
  }
  assert.is(lines.length, 1, 'exactly one JSON document');
  return JSON.parse(lines[0]!) as GradeResult & { evidence: Evidence };
}

const BAND = { B0005: 'light-duty', B0006: 'recycle', B0007: 'light-duty', B0018: 'light-duty' } as const;

for (const [cell, band] of Object.entries(BAND)) {
  test(`${cell} --lab-truth: graded on its measured last capacity and resistance, grade = rule set on that evidence`, async () => {
    const g = await gradeJson(DATA + cell, '--lab-truth');
    const h = loadNasaCycles(DATA + cell);
    const last = h.points[h.points.length - 1]!;
    const res = h.points.filter((p) => p.resistance_ohm !== null);
    assert.is(g.soh, last.capacity_Ah! / 2.0, 'SOH = measured capacity / rated');
    assert.is(g.resistance_ratio, res[res.length - 1]!.resistance_ohm! / res[0]!.resistance_ohm!, 'R ratio from measured EIS');
    assert.is(g.soh_resistance_band, band);
    const expected = gradeEvidence(g.evidence);
    assert.is(g.grade, expected.grade);
    assert.is(g.provisional, false, '168/132 measured capacities: not provisional');
    const order = ['recycle', 'light-duty', 'grid-storage'];
    assert.ok(order.indexOf(g.grade) <= order.indexOf(band), 'never better than the SOH/R band');
    assert.ok(g.reasons.length >= 10 && g.deciding.length >= 1, 'reasons given');
    console.log(`  ${cell}: ${g.grade} (band ${band}); deciding: ${g.deciding.join('; ')}`);
  });
}

test('B0005 --lab-truth as it stood at discharge 40 (SOH 0.886): grid band by SOH and R, but the earliest projection in the fit band makes it light duty', async () => {
  const lines: string[] = [];
  const orig = console.log;
  console.log = (...xs: unknown[]) => void lines.push(xs.join(' '));
  try {
    assert.is(await run([DATA + 'B0005', '--history-until-cycle', '40', '--lab-truth', '--json']), 0);
  } finally {
    console.log = orig;
  }
  const g = JSON.parse(lines[0]!) as GradeResult & { evidence: Evidence };
  assert.is(g.soh, 1.773 / 2);
  assert.is(g.soh_resistance_band, 'grid-storage');
  assert.is(g.grade, 'light-duty');
  assert.ok(g.deciding.some((d) => d.includes('storage-25') && d.includes('< 5')), g.deciding.join('; '));
});

test.run();
