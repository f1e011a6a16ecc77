// Internal consistency of a record (what verify checks besides the signature): each kind of
// inconsistency is found and named; declared losses and clock steps are notes, not failures.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkRecord } from '../../../host/record/verify.ts';
import { logCrc, crc32 } from '../../../host/record/device-bytes.ts';
import { bitwiseCrc32 as referenceCrc32 } from '../../helpers/crc32-reference.ts';
import { recordFromCore } from '../../../host/record/build.ts';
import { buildPassport } from '../../../host/record/passport.ts';
import { validatePassport } from '../../../host/record/passport-validate.ts';
import { EXTENSION } from '../../../host/record/annex-vii.ts';
import { drive, newCore, smallRecord, EXPORTED_AT } from './sample.ts';

const problems = (mutate: (r: ReturnType<typeof smallRecord>) => void): string[] => {
  const r = smallRecord();
  mutate(r);
  return checkRecord(r).problems;
};

test('a consistent record has no problems', () => {
  assert.equal(checkRecord(smallRecord()), { problems: [], notes: [] });
});

test('a changed parameter block byte is a CRC mismatch; a changed version disagrees with the device', () => {
  assert.ok(problems((r) => (r.device.params_block[100]! ^= 1)).some((p) => /parameter block CRC-32/.test(p)));
  assert.ok(problems((r) => (r.device.params_version = 7)).some((p) => /differs from device.params_version 7/.test(p)));
});

test('sequence numbers out of order, at or above next_seq, or a false lost claim are problems', () => {
  assert.ok(problems((r) => r.log.records.reverse()).some((p) => /not strictly increasing/.test(p)));
  assert.ok(problems((r) => (r.log.next_seq = 2)).some((p) => /not below next_seq 2/.test(p)));
  assert.ok(problems((r) => (r.log.lost = [[1, 1]])).some((p) => /differ from the declared lost ranges 1/.test(p)));
  assert.ok(problems((r) => (r.counters.log_next_seq = 99)).some((p) => /counters.log_next_seq 99/.test(p)));
});

test('records overwritten on a live device are declared lost: a note, not a problem', () => {
  const core = newCore(60);
  drive(core, 6);
  const r = recordFromCore(core, { exportedAt: EXPORTED_AT, sourceName: 'ring' });
  assert.ok(r.log.lost.length === 1 && r.log.lost[0]![0] === 1);
  const c = checkRecord(r);
  assert.equal(c.problems, []);
  assert.match(c.notes.join(), /overwritten on the device before being read out/);
});

test('a log record earlier than the one before it is a note (the device clock was set back)', () => {
  const r = smallRecord();
  const e = r.log.records[r.log.records.length - 1]!;
  e.t_s = 0.5;
  e.crc32 = logCrc(e);
  const c = checkRecord(r);
  assert.equal(c.problems, []);
  assert.match(c.notes.join(), /earlier than the record before them/);
});

test('without a clock epoch the passport uses the export time for lastUpdate and says so', () => {
  const core = newCore();
  drive(core, 1);
  const r = recordFromCore(core, { exportedAt: EXPORTED_AT, sourceName: 'no-epoch' });
  const p = buildPassport(r);
  assert.equal(validatePassport(p), []);
  const cond = p.batteryCondition as { stateOfCharge: { lastUpdate: string } };
  assert.is(cond.stateOfCharge.lastUpdate, new Date(EXPORTED_AT).toISOString());
  assert.match(JSON.stringify((p[EXTENSION] as { record: unknown }).record), /export time: the device clock has no known epoch/);
});

test('the table-driven CRC-32 equals the layout reference on 2,000 pseudo-random inputs of 0..99 bytes', () => {
  let x = 12345;
  for (let n = 0; n < 2000; n++) {
    const bytes = new Uint8Array(n % 100);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    assert.is(crc32(bytes), referenceCrc32(bytes));
  }
});

test.run();
