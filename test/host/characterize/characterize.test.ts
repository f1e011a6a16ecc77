// bms-edge characterize (issue 13): a cell the presets do not know is fitted from its own recording
// into cell.json, which replay and params build then use; bad recordings get a clear message and a
// documented exit code, never a stack trace.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { characterize } from '../../../host/characterize/characterize.ts';
import { parseCellFile } from '../../../host/characterize/cell-file.ts';
import { readGenericCsv } from '../../../host/readers/generic-csv.ts';
import { presetValues } from '../../../layout/presets.ts';
import { Params, layoutStruct } from '../../../layout/core-layout.ts';
import { trueOcv, writeSyntheticCell, TRUE_OCV_V } from './synthetic-cell.ts';

const root = join(import.meta.dirname, '../../..');
const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'host/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'bms-char-'));
const noStack = (stderr: string): void => assert.not.match(stderr, /\n\s+at /, `stack trace in: ${stderr}`);

const cell = writeSyntheticCell(join(dir, 'cell.csv'));
const fit = characterize(readGenericCsv(cell.path), { chemistryLike: 'NMC' });

test('the synthetic cell is not a preset: its OCV is 30-80 mV away from the NMC table somewhere in 10-90 %', () => {
  const nmc = presetValues('NMC');
  const d = TRUE_OCV_V.map((v, i) => Math.abs(v - nmc[`ocv_V.${i}`]!)).slice(2, 19);
  assert.ok(Math.max(...d) > 0.03, `max difference ${Math.max(...d)}`);
});

test('OCV fitted within 10 mV RMS over 10-90 % SOC (SOC of the fit: 0 where the C/2 discharge reached the cutoff)', () => {
  const t = fit.fitted.ocv_V!.value as number[];
  const errs: number[] = [];
  for (let i = 2; i <= 18; i++) {
    const z = i / 20;
    const trueSoc = cell.socAtCutoff + z * (cell.socAtFull - cell.socAtCutoff);
    errs.push(t[i]! - trueOcv(trueSoc));
  }
  const rms = Math.sqrt(errs.reduce((a, e) => a + e * e, 0) / errs.length);
  assert.ok(rms <= 0.01, `OCV RMS error ${(rms * 1000).toFixed(1)} mV: ${errs.map((e) => (e * 1000).toFixed(0)).join(' ')}`);
});

test('capacity from full reference discharges within 2 % of the charge between full and the cutoff', () => {
  const q = fit.fitted.rated_capacity_Ah!.value as number;
  const truth = cell.capacity_Ah * (cell.socAtFull - cell.socAtCutoff);
  assert.ok(Math.abs(q - truth) <= 0.02 * truth, `fitted ${q}, truth ${truth}`);
  assert.is(fit.fitted.rated_capacity_Ah!.evidence, 2, 'the first discharge starts from an unknown state: two of three are reference discharges');
});

test('R0 within 10 % (steps sampled 1 s apart, the NMC rule\'s 2 s limit), cutoff and full voltages as the equipment used them', () => {
  const r = fit.fitted.r_bol_ohm!.value as number;
  assert.ok(Math.abs(r - cell.r0_ohm) <= 0.1 * cell.r0_ohm, `R0 ${r} vs ${cell.r0_ohm}`);
  const cut = fit.fitted.empty_voltage_V!.value as number;
  assert.ok(Math.abs(cut - cell.cutoff_V) <= 0.01, `cutoff ${cut}`);
  const full = fit.fitted.full_voltage_V!.value as number;
  assert.ok(full > 4.1 && full < 4.2, `full ${full}`);
});

test('cell.json records the recording, the span, sigma and evidence of every fit, and the preset fields it took', () => {
  assert.is(fit.format, 'bms-edge-cell');
  assert.is(fit.version, 1);
  assert.is(fit.recording.name, 'cell.csv');
  assert.ok(fit.recording.until_s > 0);
  for (const [name, f] of Object.entries(fit.fitted)) {
    assert.ok(f.method.length > 10, name);
    assert.ok(Array.isArray(f.value) ? (f.sigma as number[]).length === 21 : typeof f.sigma === 'number', name);
  }
  assert.ok('r_lambda' in fit.from_preset && !('rated_capacity_Ah' in fit.from_preset));
  assert.equal(parseCellFile(JSON.parse(JSON.stringify(fit)), 'x').fitted.ocv_V!.value, fit.fitted.ocv_V!.value);
});

test('--until-s keeps the fit to the first seconds', () => {
  const part = characterize(readGenericCsv(cell.path), { chemistryLike: 'NMC', untilS: 20000 });
  assert.ok(part.recording.until_s <= 20000);
  assert.ok(part.recording.samples < fit.recording.samples);
});

test('cli: characterize -o, then replay --params and params build --params (a block params verify accepts)', () => {
  const out = join(dir, 'cell.json');
  const r = cli('characterize', cell.path, '--chemistry-like', 'NMC', '-o', out);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /wrote .*cell\.json/);
  const rp = cli('replay', cell.path, '--params', out, '--json');
  assert.is(rp.status, 0, rp.stderr);
  const doc = JSON.parse(rp.stdout);
  const fitted = JSON.parse(readFileSync(out, 'utf8')).fitted;
  assert.ok(Math.abs(doc.rated_capacity_Ah - fitted.rated_capacity_Ah.value) < 1e-5);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(join(dir, 'k.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(dir, 'k.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
  const b = cli('params', 'build', '--params', out, '--version', '2', '--key', join(dir, 'k.pem'), '-o', join(dir, 'block.bin'));
  assert.is(b.status, 0, b.stderr);
  const v = cli('params', 'verify', join(dir, 'block.bin'), '--pub', join(dir, 'k.pub'));
  assert.is(v.status, 0, v.stdout + v.stderr);
  // the block carries the fitted OCV table (f32)
  const block = readFileSync(join(dir, 'block.bin'));
  const ocv0 = block.readFloatLE(layoutStruct(Params).fields.ocv_V!.offset);
  assert.ok(Math.abs(ocv0 - fitted.ocv_V.value[0]) < 1e-4, `ocv_V.0 in the block ${ocv0}`);
});

test('a generic CSV naming its cell file (# params=cell.json) replays with it', () => {
  const text = readFileSync(cell.path, 'utf8').replace('# rated_capacity_Ah=3', '# params=cell.json');
  writeFileSync(join(dir, 'named.csv'), text);
  const rp = cli('replay', join(dir, 'named.csv'), '--json');
  assert.is(rp.status, 0, rp.stderr);
  const fitted = JSON.parse(readFileSync(join(dir, 'cell.json'), 'utf8')).fitted;
  assert.ok(Math.abs(JSON.parse(rp.stdout).rated_capacity_Ah - fitted.rated_capacity_Ah.value) < 1e-5);
});

test('garbage, a missing file and a bad cell file: exit 3 with a message, no stack trace', () => {
  const junk = join(dir, 'junk.csv');
  writeFileSync(junk, Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)));
  for (const args of [['characterize', junk], ['characterize', join(dir, 'none.csv')], ['replay', cell.path, '--params', junk]]) {
    const r = cli(...args);
    assert.is(r.status, 3, `${args.join(' ')}: ${r.status} ${r.stderr}`);
    assert.match(r.stderr, /^bms-edge (characterize|replay): /);
    noStack(r.stderr);
  }
  const both = cli('replay', cell.path, '--params', join(dir, 'cell.json'), '--chemistry', 'NMC');
  assert.is(both.status, 2);
});

test('no rest at all: exit 0, the preset for what rests show, a warning line saying so', () => {
  const p = writeSyntheticCell(join(dir, 'norest.csv'), { rest_s: 0 }).path;
  const r = cli('characterize', p, '--json');
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stderr, /warning: no rest in the recording/);
  noStack(r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.ok('current_offset_A' in doc.from_preset);
  assert.ok(doc.fitted.rated_capacity_Ah.evidence >= 2, 'the reference discharges still give the capacity');
});

test('one constant-current discharge only: exit 0; capacity, full voltage and rests from the preset, each named', () => {
  const p = writeSyntheticCell(join(dir, 'cc.csv'), { ccOnly: true, rest_s: 0 }).path;
  const r = cli('characterize', p, '--chemistry-like', 'LFP', '--json');
  assert.is(r.status, 0, r.stderr);
  for (const w of [/no full reference discharge/, /no charge ended in a constant-voltage taper/, /no rest in the recording/]) assert.match(r.stderr, w);
  noStack(r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.is(doc.chemistry_like, 'LFP');
  assert.ok('rated_capacity_Ah' in doc.from_preset);
});

test('--params on every command that builds a core: a bad cell file is bad input (exit 3), never a stack trace', () => {
  const junk = join(dir, 'bad-cell.json');
  writeFileSync(junk, JSON.stringify({ format: 'bms-edge-cell', version: 99 }));
  const cases = [
    ['grade', cell.path, '--params', junk],
    ['twin', cell.path, '--params', junk],
    ['export', cell.path, '-o', join(dir, 'x.json'), '--params', junk],
    ['passport', cell.path, '--params', junk],
    ['monitor', '--replay', cell.path, '--protocol', 'jbd', '--params', junk],
    ['params', 'build', '--params', junk, '--version', '2', '--key', join(dir, 'k.pem'), '-o', join(dir, 'b2.bin')],
  ];
  for (const args of cases) {
    const r = cli(...args);
    assert.is(r.status, 3, `${args[0]}: ${r.status} ${r.stderr}`);
    assert.match(r.stderr, /cell file version 99/, args[0]);
    noStack(r.stderr);
  }
});

test('grade --params replays with the cell file (its fitted rated capacity is the SOH denominator)', () => {
  const g = cli('grade', cell.path, '--params', join(dir, 'cell.json'), '--json');
  assert.is(g.status, 0, g.stderr);
  const p = cli('grade', cell.path, '--json');
  assert.is(p.status, 0, p.stderr);
  assert.not.equal(JSON.parse(g.stdout).evidence.soh, JSON.parse(p.stdout).evidence.soh);
});

test.run();
