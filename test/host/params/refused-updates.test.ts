/**
 * 10,000 mutated parameter blocks offered to a running core over the air: every one is refused
 * with the reason code its mutation calls for, the host check refuses it too, and the estimates go
 * on exactly as in a twin core fed the same samples without any update (equality is exact, no
 * tolerance: same code, same inputs). The only differences allowed are the PARAMS log records and
 * the flags they raise (PARAMS_REJECTED, and LOG_OVERWROTE / log counters, since refusals add records).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Core, Flag, type LogRecord, type Snapshot } from '../../../host/core/core.ts';
import { buildParams } from '../../../layout/presets.ts';
import { checkParamsBlock } from '../../../host/params/check.ts';
import { Seeded } from '../storage/helpers.ts';
import { KINDS, mutate, type Kind } from './mutations.ts';

const IN_FORCE = 5;
const LOG_FIELDS = new Set(['flags', 'log_next_seq', 'log_count', 'log_overwritten']);
const LOG_FLAGS = Flag.PARAMS_REJECTED | Flag.LOG_OVERWROTE;

/** A 10-s sampled cell: discharge, rest, charge, rest cycles with current steps (SOC, resistance, anchors at work). */
function sample(k: number): [number, number, number, number] {
  const t_s = k * 10;
  const phase = Math.floor(t_s / 1800) % 4; // 30-min phases
  const i_A = phase === 0 ? 2 + (k % 37 === 0 ? 1 : 0) : phase === 2 ? -1.5 : 0;
  const soc = 0.5 + 0.4 * Math.sin((2 * Math.PI * t_s) / 14400);
  return [t_s, 3.3 + 0.85 * soc - 0.04 * i_A, i_A, 25 + 3 * Math.sin(t_s / 9000)];
}

const comparable = (s: Snapshot): Snapshot => Object.fromEntries(Object.entries(s).filter(([k]) => !LOG_FIELDS.has(k)));
const content = (r: LogRecord) => ({ type: r.type, flags: r.flags & ~LOG_FLAGS & 0xffff, t_s: r.t_s, a: r.a, b: r.b, c: r.c });

test('10,000 corrupt, truncated, out-of-range, older and replayed blocks are all refused and every estimate continues unchanged', () => {
  const rng = new Seeded(77);
  const reference = Core.create({ chemistry: 'NMC', version: IN_FORCE });
  const updated = Core.create({ chemistry: 'NMC', version: IN_FORCE });
  const candidate = buildParams('NMC', { version: IN_FORCE + 1, overrides: { r_lambda: 0.97 } });
  assert.is(checkParamsBlock(candidate, { inForceVersion: IN_FORCE }).reason, 0, 'the unmutated candidate is valid');
  const paramsBefore = JSON.stringify(updated.params());
  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  const seqRef = { cursor: 1, records: [] as LogRecord[] };
  const seqUpd = { cursor: 1, records: [] as LogRecord[], refusals: [] as LogRecord[] };
  const drain = (): void => {
    for (const r of reference.logRecords(seqRef.cursor)) seqRef.records.push(r);
    seqRef.cursor = reference.snapshot().log_next_seq!;
    for (const r of updated.logRecords(seqUpd.cursor)) (r.typeName === 'PARAMS' ? seqUpd.refusals : seqUpd.records).push(r);
    seqUpd.cursor = updated.snapshot().log_next_seq!;
  };

  const BLOCKS = 10000;
  let k = 0;
  for (let n = 0; n < BLOCKS; n++) {
    const kind = KINDS[rng.below(KINDS.length)]!;
    const m = mutate(candidate, IN_FORCE, kind, rng);
    byKind[kind]++;
    const reason = updated.applyParams(m.block);
    if (m.expect === 'any') assert.ok(reason >= 1 && reason <= 3, `${m.kind} ${m.what}: refused for magic, size or CRC, got ${reason}`);
    else assert.is(reason, m.expect, `${m.kind} ${m.what}`);
    assert.is.not(checkParamsBlock(m.block, { inForceVersion: IN_FORCE }).reason, 0, `host check refuses ${m.kind} ${m.what}`);
    for (let j = 0; j < 2; j++, k++) {
      const [t, v, i, temp] = sample(k);
      const fa = reference.step(t, v, i, temp);
      const fb = updated.step(t, v, i, temp);
      assert.is(fb & ~LOG_FLAGS, fa & ~LOG_FLAGS, `sample ${k}: per-sample flags`);
    }
    if (n % 50 === 49) {
      drain();
      const a = reference.snapshot();
      const b = updated.snapshot();
      assert.equal(comparable(b), comparable(a), `estimates after ${n + 1} refused blocks`);
      assert.is(b.flags! & ~LOG_FLAGS, a.flags! & ~LOG_FLAGS);
    }
  }
  drain();
  assert.is(JSON.stringify(updated.params()), paramsBefore, 'the block in force is untouched');
  assert.equal(seqUpd.records.map(content), seqRef.records.map(content), 'every non-PARAMS log record identical');
  assert.is(seqUpd.refusals.length, BLOCKS, 'one PARAMS record per refused block');
  assert.ok(seqUpd.refusals.every((r) => r.b === 0 && r.c >= 1 && r.c <= 5), 'each PARAMS record says refused, with a reason');
  assert.ok((updated.snapshot().flags! & Flag.PARAMS_REJECTED) !== 0);
  assert.ok(seqRef.records.length > 5, `the reference logged ${seqRef.records.length} records`);
  for (const kind of KINDS) assert.ok(byKind[kind] > 1000, `${kind}: ${byKind[kind]} blocks`);
  console.log(`refused parameter blocks by kind: ${JSON.stringify(byKind)}, samples ${k}`);

  // control: the harness sees an update that is accepted (so the equality above is not vacuous)
  assert.is(updated.applyParams(candidate), 0);
  assert.is(updated.snapshot().params_version, IN_FORCE + 1);
  assert.is.not(JSON.stringify(comparable(updated.snapshot())), JSON.stringify(comparable(reference.snapshot())));
});

test('every truncation length of a valid newer block is refused by the core and by the host check', () => {
  const core = Core.create({ chemistry: 'LFP', version: 1 });
  const block = buildParams('LFP', { version: 2 });
  for (let len = 0; len < block.length; len++) {
    const r = core.applyParams(block.subarray(0, len));
    assert.ok(r >= 1 && r <= 3, `truncated to ${len} B: reason ${r}`);
    assert.is(checkParamsBlock(block.subarray(0, len), { inForceVersion: 1 }).reason, len < 8 ? 1 : 2);
  }
  assert.is(core.applyParams(block), 0, 'the whole block applies');
});

test.run();
