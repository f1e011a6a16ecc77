import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { candumpFrameOf, formatCandumpLine } from '../../../host/transport/candump-codec.ts';
import { CandumpFileTransport, CandumpWriter } from '../../../host/transport/candump-file.ts';
import { EndOfData } from '../../../host/transport/replay.ts';

test('candump -L lines become frames (times in ms) and format back; CAN FD is carried, error frames and junk are refused', () => {
  const f = candumpFrameOf('(0.0) vcan0 001#8d00100100820100'); // shared vector candump-log-format
  assert.equal([f?.id, f?.extended, f?.iface, f?.time_ms, Buffer.from(f?.data ?? []).toString('hex')], [1, false, 'vcan0', 0, '8d00100100820100']);
  const line = '(1700000000.123456) can0 12ABCDEF#DEADBEEF';
  const e = candumpFrameOf(line);
  assert.ok(e?.extended);
  assert.is(formatCandumpLine(e!), line);
  assert.equal([candumpFrameOf('(1.5) can0 123#R8')?.rtr, candumpFrameOf('(1.5) can0 123#R8')?.dlc], [true, 8]);
  assert.is(formatCandumpLine(candumpFrameOf('(1.5) can0 123#R8')!), '(1.500000) can0 123#R8');
  for (const bad of ['can0 123#11', '(1) can0 1234#11', '(1) can0 20000080#0000000000000000', '(1) can0 123#112233445566778899']) assert.is(candumpFrameOf(bad), undefined, bad);
  const fd = candumpFrameOf('(1) can0 123##011')!;
  assert.equal([fd.fd, fd.dlc, formatCandumpLine(fd)], [true, 1, '(1.000000) can0 123##011']);
});

test('a candump log file written by CandumpWriter replays frame by frame with recorded times, skipping junk lines', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bms-edge-candump-'));
  try {
    const file = join(dir, 'x.log');
    const w = new CandumpWriter(file);
    w.write({ id: 0x356, extended: false, rtr: false, dlc: 2, data: new Uint8Array([0x6c, 0x14]), time_ms: 1000 });
    writeFileSync(file, readFileSync(file, 'utf8') + 'garbage\n(1.250000) can0 20000080#0000000000000000\n');
    w.write({ id: 0x355, extended: false, rtr: false, dlc: 1, data: new Uint8Array([60]), time_ms: 1500 });
    const t = new CandumpFileTransport(file);
    await t.open();
    assert.is(t.skippedLines, 2);
    const a = await t.read();
    const b = await t.read();
    assert.equal([a[0]?.id, a[0]?.time_ms, b[0]?.id, b[0]?.time_ms], [0x356, 1000, 0x355, 1500]);
    assert.instance(await t.read().catch((x: unknown) => x), EndOfData);
    await t.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every candump format reads into the same frames: -L, plain, -ta, -tz, -td (deltas summed), -tA; CAN FD [64] and ## lines; error frames skipped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bms-edge-candump-'));
  const logs: Record<string, string> = {
    L: '(1700000000.000000) can0 355#3C006400\n(1700000000.100000) can0 356#6C140400DC00\n(1700000000.300000) can0 20000080#0000000000000000\n(1700000000.350000) can0 123##1' + '11'.repeat(64) + '\n',
    ta: ' (1700000000.000000)  can0  355   [4]  3C 00 64 00\n (1700000000.100000)  can0  356   [6]  6C 14 04 00 DC 00\n (1700000000.300000)  can0  20000080   [8]  00 00 00 00 00 00 00 00   ERRORFRAME\n (1700000000.350000)  can0  123  [64]  ' + Array(64).fill('11').join(' ') + '\n',
    tz: ' (000.000000)  can0  355   [4]  3C 00 64 00\n (000.100000)  can0  356   [6]  6C 14 04 00 DC 00\n (000.300000)  can0  20000080   [8]  00 00 00 00 00 00 00 00   ERRORFRAME\n (000.350000)  can0  123  [64]  ' + Array(64).fill('11').join(' ') + '\n',
    td: ' (000.000000)  can0  355   [4]  3C 00 64 00\n (000.100000)  can0  356   [6]  6C 14 04 00 DC 00\n (000.200000)  can0  20000080   [8]  00 00 00 00 00 00 00 00   ERRORFRAME\n (000.050000)  can0  123  [64]  ' + Array(64).fill('11').join(' ') + '\n',
    plain: '  can0  355   [4]  3C 00 64 00\n  can0  356   [6]  6C 14 04 00 DC 00\n  can0  20000080   [8]  00 00 00 00 00 00 00 00   ERRORFRAME\n  can0  123  [64]  ' + Array(64).fill('11').join(' ') + '\n',
  };
  try {
    const read = async (text: string): Promise<{ frames: string[]; times: number[]; skipped: number }> => {
      const file = join(dir, 'x.log');
      writeFileSync(file, text);
      const t = new CandumpFileTransport(file);
      await t.open();
      return { frames: t.frames.map((f) => `${f.id.toString(16)}${f.fd ? '##' : '#'}${Buffer.from(f.data).toString('hex')}`), times: t.frames.map((f) => Math.round(f.time_ms)), skipped: t.skippedLines };
    };
    const want = ['355#3c006400', '356#6c140400dc00', '123##' + '11'.repeat(64)];
    for (const [fmt, text] of Object.entries(logs)) {
      const r = await read(text);
      assert.equal(r.frames, want, fmt);
      assert.is(r.skipped, 1, `${fmt}: the error frame`);
      const t0 = r.times[0]!;
      assert.equal(r.times.map((t) => t - t0), fmt === 'plain' ? [0, 0, 0] : [0, 100, 350], fmt);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
