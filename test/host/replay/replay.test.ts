// Accuracy against measured ground truth: every shared NASA cell replayed over its whole life.
// Capacity: RMSE of the per-discharge estimate against NASA's measured capacity (capacity_valid = 1,
// from cycle 6 on) <= 0.02 Ah (1 % of the 2.0 Ah rating). Resistance: Pearson r of the per-discharge
// estimate with EIS Re + Rct >= 0.75.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readNasa } from '../../../host/readers/nasa.ts';
import { replayRecording } from '../../../host/replay/replay.ts';

const SHARED = join(import.meta.dirname, '../../../fixtures/nasa-pcoe-battery');
const FIXTURE = join(import.meta.dirname, '../../../fixtures/B0005');
const CELLS = ['B0005', 'B0006', 'B0007', 'B0018'];

const CAPACITY_RMSE_MAX_AH = 0.02;
const RESISTANCE_PEARSON_MIN = 0.75;

test('the shared NASA data are present (bundled under fixtures/nasa-pcoe-battery)', () => {
  for (const cell of CELLS) assert.ok(existsSync(join(SHARED, cell, 'life.csv.gz')), cell);
});

for (const cell of CELLS) {
  test(`${cell}: capacity RMSE <= ${CAPACITY_RMSE_MAX_AH} Ah and resistance r >= ${RESISTANCE_PEARSON_MIN} against measurements`, () => {
    const r = replayRecording(readNasa(join(SHARED, cell)));
    assert.is(r.cycles.length, cell === 'B0018' ? 132 : 168, 'one row per discharge');
    assert.ok(r.accuracy.capacity_n >= 120, `${r.accuracy.capacity_n} rows with ground truth`);
    assert.ok(r.accuracy.capacity_rmse_Ah! <= CAPACITY_RMSE_MAX_AH, `RMSE ${r.accuracy.capacity_rmse_Ah} Ah`);
    assert.ok(r.accuracy.resistance_pearson! >= RESISTANCE_PEARSON_MIN, `r = ${r.accuracy.resistance_pearson}`);
    assert.is(r.log_lost, 0, 'the host drained every log record');
    assert.ok(r.log.every((l) => l.crcOk), 'every log record passes its CRC');
  });
}

test('each per-discharge estimate is what the device knew then: truncating the recording does not change earlier rows', () => {
  const rec = readNasa(FIXTURE);
  const full = replayRecording(rec);
  const cut = rec.discharges[49]!.endIndex + 1;
  const short = replayRecording({ ...rec, samples: rec.samples.subarray(0, cut * 4), discharges: rec.discharges.slice(0, 50) });
  assert.equal(short.cycles, full.cycles.slice(0, 50));
});

test('the same recording replayed twice gives the same digest', () => {
  const rec = readNasa(FIXTURE);
  const a = replayRecording(rec);
  const b = replayRecording(rec);
  assert.match(a.digest, /^[0-9a-f]{16}$/);
  assert.is(a.digest, b.digest);
});

test('a different recording gives a different digest', () => {
  const rec = readNasa(FIXTURE);
  const a = replayRecording(rec);
  const b = replayRecording({ ...rec, samples: rec.samples.subarray(0, rec.samples.length - 4) });
  assert.is.not(a.digest, b.digest);
});

test.run();
