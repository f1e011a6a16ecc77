import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCapture } from '../../../host/transport/capture-format.ts';
import { CaptureWriter } from '../../../host/transport/capture-writer.ts';
import { TransportError } from '../../../host/transport/errors.ts';
import { MockByteTransport } from '../../../host/transport/mock.ts';
import { RecordingTransport } from '../../../host/transport/recording.ts';

function tmp(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bms-edge-cap-'));
  return { dir, file: join(dir, 'c.jsonl') };
}

test('a recording transport writes connect, tx, rx (with receive times) and disconnect records', async () => {
  const { dir, file } = tmp();
  try {
    let t = 1000;
    const mock = new MockByteTransport({ clock: () => t });
    mock.respond(() => true, [new Uint8Array([0xdd, 0x03])]);
    const cap = new CaptureWriter(file, { protocol: 'jbd', transport: mock.name, started_ms: 1000 });
    const rec = new RecordingTransport(mock, cap, () => t);
    await rec.open();
    t = 1001.5;
    await rec.write(new Uint8Array([0xdd, 0xa5]));
    const chunk = await rec.read();
    t = 1002;
    assert.is(chunk.time_ms, 1001.5, 'stamped when the mock delivered it');
    mock.unplug();
    cap.close();
    const parsed = parseCapture(readFileSync(file, 'utf8'));
    assert.is(parsed.header.protocol, 'jbd');
    assert.equal(
      parsed.records.map((r) => ('dir' in r ? `${r.dir}:${r.hex}` : r.event)),
      ['connect', 'tx:dda5', 'rx:dd03', 'disconnect'],
    );
    assert.not.ok(parsed.truncatedTail);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a capture cut mid-line by a crash still parses, with the cut line reported and ignored', () => {
  const { dir, file } = tmp();
  try {
    const cap = new CaptureWriter(file, { protocol: 'daly', transport: 'x', started_ms: 0 });
    cap.rx(new Uint8Array([0xa5, 0x01]), 5);
    cap.close();
    appendFileSync(file, '{"t_ms":6,"dir":"rx","hex":"a5');
    const parsed = parseCapture(readFileSync(file, 'utf8'));
    assert.is(parsed.records.length, 1);
    assert.ok(parsed.truncatedTail);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a corrupt line in the middle, a missing header or bad hex is BAD_FILE with the line number', () => {
  const { dir, file } = tmp();
  try {
    writeFileSync(file, '{"capture":"bms-edge capture v1","protocol":"jbd","transport":"x","started_ms":0}\nnot json\n{"t_ms":1,"dir":"rx","hex":"00"}\n');
    const e1 = (() => { try { parseCapture(readFileSync(file, 'utf8'), 'c'); } catch (e) { return e; } })();
    assert.instance(e1, TransportError);
    assert.is((e1 as TransportError).code, 'BAD_FILE');
    assert.match((e1 as Error).message, 'c:2');
    assert.throws(() => parseCapture('{"t_ms":1,"dir":"rx","hex":"00"}\n'), /header/);
    assert.throws(() => parseCapture('{"capture":"bms-edge capture v1","protocol":"j","transport":"x","started_ms":0}\n{"t_ms":1,"dir":"rx","hex":"0g"}\n'), /hex/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
