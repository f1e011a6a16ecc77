/**
 * The device's Ed25519 verifier compiled for the Cortex-M4F (wasm2c + the bare-metal runtime) and run
 * under QEMU: RFC 8032 TEST 1 verifies; a flipped bit of R, S + L and a wrong key are refused with the
 * same codes as in Node; one verification stays within its budget (printed by bench:mcu).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { measureVerify } from '../../scripts/embed-verify.ts';

test('verify.wasm on the Cortex-M4F (QEMU): every verdict as in Node, one verification under 150 M instructions and 12 KiB of flash', () => {
  const cost = measureVerify();
  assert.equal(cost.verdicts.map((v) => v.name), ['rfc8032-test1', 'bit-flip-in-R', 's-plus-L', 'wrong-key']);
  for (const v of cost.verdicts) assert.is(v.got, v.want, v.name);
  assert.ok(cost.instructions > 1e6 && cost.instructions < 150e6, `${cost.instructions} instructions`);
  assert.ok(cost.flash_B < 12 * 1024, `${cost.flash_B} B flash`);
});

test.run();
