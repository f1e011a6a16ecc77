// Gate progress: one plain line per finished recording when not on a terminal, a bar on a terminal,
// nothing when quiet.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Writable } from 'node:stream';
import { gateProgress, progressMode } from '../../../host/gate/progress.ts';

function sink(tty: boolean): Writable & { text: string; isTTY: boolean; columns: number } {
  const s = new Writable({
    write(chunk, _enc, done) {
      s.text += String(chunk);
      done();
    },
  }) as Writable & { text: string; isTTY: boolean; columns: number; cursorTo: () => boolean; clearLine: () => boolean; moveCursor: () => boolean };
  s.text = '';
  s.isTTY = tty;
  s.columns = 120;
  s.cursorTo = () => true;
  s.clearLine = () => true;
  s.moveCursor = () => true;
  return s;
}

test('the mode is quiet with --json, a bar on a terminal, lines otherwise', () => {
  assert.is(progressMode(true, sink(true) as unknown as NodeJS.WriteStream), 'quiet');
  assert.is(progressMode(false, sink(true) as unknown as NodeJS.WriteStream), 'bar');
  assert.is(progressMode(false, sink(false) as unknown as NodeJS.WriteStream), 'lines');
});

test('lines mode writes one numbered line per finished recording with its status and detail', () => {
  const s = sink(false);
  const p = gateProgress(12, 'lines', s);
  p.done('B0005', 'pass', '36300 samples', 1, 12);
  p.done('site/a.csv', 'fail', '2 value(s) moved', 12, 12);
  p.stop();
  assert.is(s.text, '[ 1/12] pass     B0005  36300 samples\n[12/12] fail     site/a.csv  2 value(s) moved\n');
});

test('bar mode draws the count of recordings and failures on the stream', () => {
  const s = sink(true);
  const p = gateProgress(3, 'bar', s);
  p.done('a', 'pass', '', 1, 3);
  p.done('b', 'fail', '', 2, 3);
  p.done('c', 'pass', '', 3, 3);
  p.stop();
  assert.match(s.text, /3\/3 recordings \| 1 failed/);
});

test('quiet mode writes nothing', () => {
  const s = sink(false);
  const p = gateProgress(1, 'quiet', s);
  p.done('a', 'pass', '', 1, 1);
  p.stop();
  assert.is(s.text, '');
});

test.run();
