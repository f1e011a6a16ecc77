/**
 * The device's update path: a block is applied only when its Ed25519 signature verifies with the key
 * built into the device (build/verify.wasm) and the core's own checks pass. Tampered (CRC recomputed),
 * wrong-key, truncated-signature, unsigned and older signed blocks are refused, logged (PARAMS record
 * with the reason) and leave the block in force untouched.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateKeyPairSync } from 'node:crypto';
import { Core, Flag } from '../../../host/core/core.ts';
import { buildParams } from '../../../layout/presets.ts';
import { LogType } from '../../../layout/core-layout.ts';
import { ParamsReason } from '../../../layout/param-ranges.ts';
import { signParams } from '../../../host/params/signature.ts';
import { applySignedParams } from '../../../host/params/apply.ts';
import { recrc } from './mutations.ts';

const device = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const DEVICE_KEY = Buffer.from(device.publicKey.export({ format: 'jwk' }).x as string, 'base64url');

function lastParamsRecord(core: Core) {
  return core.logRecords().filter((r) => r.type === LogType.PARAMS).at(-1)!;
}

test('a correctly signed newer block is applied', () => {
  const core = Core.create({ chemistry: 'NMC', version: 3 });
  const block = buildParams('NMC', { version: 4, overrides: { r_lambda: 0.97 } });
  assert.is(applySignedParams(core, block, signParams(block, device.privateKey), DEVICE_KEY), 0);
  assert.is(core.paramsVersion, 4);
  assert.is(lastParamsRecord(core).b, 1, 'logged as applied');
});

test('tampered (CRC recomputed), wrong key, truncated, missing signature and an older signed block are refused and logged', () => {
  const core = Core.create({ chemistry: 'NMC', version: 3 });
  const good = buildParams('NMC', { version: 5 });
  const sig = signParams(good, device.privateKey);
  const tampered = recrc(good.slice());
  new DataView(tampered.buffer).setFloat32(40, 0.9, true); // a body value changed...
  recrc(tampered); // ...and the CRC made to match
  const older = buildParams('NMC', { version: 2 });
  const cases: [string, Uint8Array, Uint8Array | undefined, number][] = [
    ['tampered, CRC recomputed', tampered, sig, ParamsReason.BAD_SIGNATURE],
    ['signed with another key', good, signParams(good, other.privateKey), ParamsReason.BAD_SIGNATURE],
    ['truncated signature', good, sig.subarray(0, 63), ParamsReason.BAD_SIGNATURE],
    ['no signature', good, undefined, ParamsReason.BAD_SIGNATURE],
    ['older, correctly signed', older, signParams(older, device.privateKey), ParamsReason.OLD_VERSION],
  ];
  for (const [what, block, signature, reason] of cases) {
    const before = core.digest();
    assert.is(applySignedParams(core, block, signature, DEVICE_KEY), reason, what);
    assert.is(core.paramsVersion, 3, `${what}: the block in force stays`);
    const rec = lastParamsRecord(core);
    assert.is(rec.c, reason, `${what}: logged with its reason`);
    assert.is(rec.b, 0, `${what}: logged as refused`);
    assert.ok(rec.flags & Flag.PARAMS_REJECTED);
    assert.is.not(core.digest(), before, `${what}: the refusal is in the state (log)`);
  }
  assert.is(applySignedParams(core, good, sig, DEVICE_KEY), 0, 'the genuine block still applies afterwards');
  assert.is(core.paramsVersion, 5);
});

test.run();
