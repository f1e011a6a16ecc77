// Monitor captures as gate recordings: replayed through the monitor's JBD session, samples in the
// core's units (t_s from the recorded receive time, current positive = discharge), series cells from the BMS.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { readCandumpRecording, readCaptureRecording } from '../../../host/gate/capture.ts';
import { isCandumpFile, isCaptureFile } from '../../../host/gate/capture-detect.ts';
import { runJob } from '../../../host/gate/job.ts';
import { RecordingError } from '../../../host/readers/recording.ts';
import { writeCandumpLog, writeJbdCapture, jbdBasicInfo } from './captures.ts';
import { decodeJbdFrame } from '../../../host/protocols/index.ts';

const dir = (): string => mkdtempSync(join(tmpdir(), 'bms-cap-'));

test('the test frame builder makes frames the JBD decoder accepts, with the wire sign', () => {
  const f = decodeJbdFrame(new Uint8Array(Buffer.from(jbdBasicInfo(16.2, 2), 'hex')));
  const fields = f.fields as unknown as Record<string, unknown>;
  assert.is(fields.pack_voltage_v, 16.2);
  assert.is(fields.current_a, -2); // discharge is negative on the wire
});

test('a JBD capture becomes one sample per poll with recorded times, pack voltage, discharge-positive current', async () => {
  const path = writeJbdCapture(join(dir(), 'pack.jsonl'), { polls: 121, dischargePolls: 100, current_A: 2 });
  assert.ok(isCaptureFile(path));
  const c = await readCaptureRecording(path, { ratedCapacity_Ah: 4 });
  const s = c.recording.samples;
  assert.is(s.length / 4, 121);
  assert.is(c.protocol, 'jbd');
  assert.is(c.seriesCells, 4); // the cell frame reports 4 cells
  assert.ok(Math.abs(s[0]! - 1_764_390_000.06) < 1e-6, `t_s ${s[0]}`); // receive time of the poll's last frame
  assert.ok(Math.abs(s[4]! - s[0]! - 60) < 1e-6);
  assert.ok(Math.abs(s[1]! - 16.4) < 1e-9, `V ${s[1]}`);
  assert.is(s[2], 2);
  assert.is(s[100 * 4 + 2], 0);
  assert.is(c.recording.discharges.length, 1);
  assert.is(c.recording.format, 'csv');
});

test('a capture replays through the gate job into a golden record with the BMS cell count in the block', async () => {
  const path = writeJbdCapture(join(dir(), 'pack.jsonl'));
  const o = await runJob({ key: 'pack.jsonl', path, options: { ratedCapacity_Ah: 4, overrides: {} } });
  assert.ok(o.ok, o.ok ? '' : o.error.message);
  if (!o.ok) return;
  assert.is(o.golden.params.series_cells, 4);
  assert.is(o.golden.recording.samples, 121);
  assert.is(o.golden.chemistry, 'NMC');
  // the same discharge as the generic-CSV CLI test (2 A over 99 x 60 s + one more minute); 1e-4 Ah
  assert.ok(Math.abs(o.golden.final.dis_Ah! - (99 * 60 * 2 + 60) / 3600) < 1e-4, `${o.golden.final.dis_Ah}`);
});

test('a file that is not a capture is not taken for one; a capture of another protocol or none is refused', async () => {
  const d = dir();
  writeFileSync(join(d, 'x.jsonl'), '{"a":1}\n');
  assert.not.ok(isCaptureFile(join(d, 'x.jsonl')));
  assert.not.ok(isCaptureFile(join(d, 'none.jsonl')));
  writeFileSync(join(d, 'can.jsonl'), JSON.stringify({ capture: 'bms-edge capture v1', protocol: 'modbus', transport: 't', started_ms: 0 }) + '\n');
  try {
    await readCaptureRecording(join(d, 'can.jsonl'));
    assert.unreachable();
  } catch (err) {
    assert.instance(err, RecordingError);
    assert.match((err as Error).message, /protocol 'modbus'/);
  }
  const empty = writeJbdCapture(join(d, 'empty.jsonl'), { polls: 0 });
  try {
    await readCaptureRecording(empty);
    assert.unreachable();
  } catch (err) {
    assert.instance(err, RecordingError);
    assert.is((err as RecordingError).code, 'empty');
  }
});

test('a candump log of a Pylontech CAN bus becomes one sample per 0x356, discharge positive', async () => {
  const path = writeCandumpLog(join(dir(), 'candump-2026-11-29_050000.log'), { polls: 61, dischargePolls: 40, current_A: 20 });
  assert.ok(isCandumpFile(path));
  assert.not.ok(isCaptureFile(path));
  const c = await readCandumpRecording(path, { chemistry: 'LFP', ratedCapacity_Ah: 100 });
  const s = c.recording.samples;
  assert.is(s.length / 4, 61);
  assert.is(c.protocol, 'slcan-pylon');
  assert.ok(Math.abs(s[0]! - 1_764_390_000.01) < 1e-6, `t_s ${s[0]}`);
  assert.ok(Math.abs(s[1]! - 53) < 1e-9, `V ${s[1]}`);
  assert.ok(Math.abs(s[2]! - 20) < 1e-9, `I ${s[2]}`);
  assert.ok(Math.abs(s[3]! - 25) < 1e-9, `T ${s[3]}`);
  assert.is(s[40 * 4 + 2], 0);
  assert.is(c.seriesCells, 17); // no cell frames: 53 V / 3.2 V nominal LFP, rounded (as monitor estimates)
  assert.is(c.recording.discharges.length, 1);
  const o = await runJob({ key: 'can.log', path, options: { chemistry: 'LFP', ratedCapacity_Ah: 100, seriesCells: 16, overrides: {} } });
  assert.ok(o.ok && o.golden.params.series_cells === 16, 'the command line wins over the estimate');
});

test.run();
