/**
 * bms-edge monitor --params: a parameter block pushed to the simulated device core is checked as the
 * device checks it (Ed25519 with the device's public key through build/verify.wasm, then
 * params_apply): a correctly signed block lets the monitor run; a tampered block (CRC recomputed),
 * another key or a truncated signature stops it with exit 1 and the device's reason, before any port
 * or capture is read.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recrc } from '../params/mutations.ts';

const root = join(import.meta.dirname, '../../..');
const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'host/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'bms-monitor-params-'));
const cap = join(dir, 'cap.jsonl');
writeFileSync(cap, JSON.stringify({ capture: 'bms-edge capture v1', protocol: 'jbd', transport: 'serial:/dev/null@9600', started_ms: 0 }) + '\n');
assert.is(cli('keygen', join(dir, 'device')).status, 0);
assert.is(cli('keygen', join(dir, 'other')).status, 0);
const block = join(dir, 'block.bin');
assert.is(cli('params', 'build', '--chemistry', 'NMC', '--version', '9', '--key', join(dir, 'device/private.pem'), '-o', block).status, 0);
const monitor = (blockPath: string, sig: string) => cli('monitor', '--replay', cap, '--protocol', 'jbd', '--json', '--push-params', blockPath, '--params-sig', sig, '--params-pub', join(dir, 'device/public.pem'));

test('a correctly signed block is applied and the monitor runs', () => {
  const r = monitor(block, `${block}.sig`);
  assert.is(r.status, 0, r.stderr);
});

test('tampered (CRC recomputed), wrong-key and truncated signatures stop the monitor with exit 1 and the reason', () => {
  const tampered = recrc(new Uint8Array(readFileSync(block)));
  new DataView(tampered.buffer).setFloat32(40, 0.9, true);
  recrc(tampered);
  writeFileSync(join(dir, 'tampered.bin'), tampered);
  assert.is(cli('params', 'build', '--chemistry', 'NMC', '--version', '9', '--key', join(dir, 'other/private.pem'), '-o', join(dir, 'other.bin')).status, 0);
  writeFileSync(join(dir, 'short.sig'), readFileSync(`${block}.sig`).subarray(0, 40));
  for (const [what, b, s] of [['tampered', join(dir, 'tampered.bin'), `${block}.sig`], ['wrong key', block, join(dir, 'other.bin.sig')], ['truncated', block, join(dir, 'short.sig')]] as const) {
    const r = monitor(b, s);
    assert.is(r.status, 1, `${what}: ${r.stderr}`);
    assert.match(r.stderr, /refused by the device: signature missing or invalid \(reason 7\)/, what);
  }
});

test.run();
