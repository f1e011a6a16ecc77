// Worker pool: recordings replayed on worker threads give the same golden records as in this thread,
// outcomes come back in job order with one per job, and a bad recording fails only itself.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { replayAll } from '../../../host/gate/pool.ts';
import { runJob, type ReplayJob } from '../../../host/gate/job.ts';
import { writeCsvRecording } from './recordings.ts';

function jobs(): ReplayJob[] {
  const dir = mkdtempSync(join(tmpdir(), 'bms-pool-'));
  return [
    { key: 'a', path: writeCsvRecording(dir, 'a.csv', 2), options: { overrides: {} } },
    { key: 'b', path: writeCsvRecording(dir, 'b.csv', 1), options: { overrides: {} } },
    { key: 'missing', path: join(dir, 'missing.csv'), options: { overrides: {} } },
    { key: 'c', path: writeCsvRecording(dir, 'c.csv', 3), options: { overrides: { cap_sigma_w_Ah: 0.001 } } },
  ];
}

test('two worker threads give, per recording, exactly the golden record replayed in this thread, in job order', async () => {
  const js = jobs();
  const seen: string[] = [];
  const out = await replayAll(js, { workers: 2, onDone: (o, done, total) => seen.push(`${o.key} ${done}/${total}`) });
  assert.equal(out.map((o) => o.key), ['a', 'b', 'missing', 'c']);
  assert.is(seen.length, 4);
  assert.equal(seen.map((s) => s.split(' ')[1]).sort(), ['1/4', '2/4', '3/4', '4/4']);
  for (const [i, o] of out.entries()) {
    const inline = await runJob(js[i]!);
    assert.is(o.ok, inline.ok, o.key);
    if (o.ok && inline.ok) {
      assert.equal(o.golden, inline.golden, o.key);
      assert.is(o.samples, 121);
    }
  }
  const c = out[3]!;
  assert.ok(c.ok && c.golden.options.overrides.cap_sigma_w_Ah === 0.001);
  assert.is(new Set(out.map((o) => o.thread)).size, 2, 'both worker threads replayed recordings');
  assert.not.ok(out.some((o) => o.thread === 0), 'no job ran on the main thread');
});

test('a recording that cannot be read is an error outcome naming it; the others still replay', async () => {
  const out = await replayAll(jobs(), { workers: 2 });
  const bad = out[2]!;
  assert.not.ok(bad.ok);
  if (!bad.ok) {
    assert.is(bad.error.name, 'RecordingError');
    assert.is(bad.error.code, 'not-found');
    assert.match(bad.error.message, /missing\.csv/);
  }
  assert.is(out.filter((o) => o.ok).length, 3);
});

test('one inline worker runs every job in this thread with the same results', async () => {
  const js = jobs();
  const out = await replayAll(js, { workers: 1, inline: true });
  assert.equal(out.map((o) => o.ok), [true, true, false, true]);
  assert.ok(out.every((o) => o.thread === 0), 'inline: the main thread');
  const w = await replayAll(js.slice(0, 1), { workers: 1 });
  assert.equal(w[0], { ...out[0]!, elapsed_s: w[0]!.elapsed_s, thread: w[0]!.thread });
});

test('a worker that dies mid-job fails only that job, is replaced, and every job still gets one outcome', async () => {
  const entry = new URL('./fixtures/dying-worker.ts', import.meta.url);
  const js: ReplayJob[] = ['a', 'throw', 'b', 'exit', 'c', 'd'].map((key) => ({ key, path: `${key}.csv`, options: { overrides: {} } }));
  const out = await replayAll(js, { workers: 2, workerEntry: entry });
  assert.equal(out.map((o) => o.key), ['a', 'throw', 'b', 'exit', 'c', 'd']);
  const msg = out.map((o) => (o.ok ? 'ok' : o.error.message));
  assert.equal(msg.filter((m) => m === 'answered').length, 4);
  assert.match(msg[1]!, /replay worker died \(Error: boom\)/);
  assert.match(msg[3]!, /replay worker died \(exit code 7\)/);
});

test('no jobs, no workers, no outcomes', async () => {
  assert.equal(await replayAll([], { workers: 4 }), []);
});

test.run();
