/**
 * toSample: the one place the wire's current sign (positive = charging) becomes the project's
 * (positive = discharge), and how the other sample fields are picked. Exact equality; temperature
 * means compared within 1e-9 °C.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeDalyFrame, type DalyFrame } from '../../../host/protocols/daly.ts';
import { decodeInput } from '../../../host/protocols/decode-input.ts';
import { decodeJbdFrame } from '../../../host/protocols/jbd.ts';
import { decodeJk300Frame } from '../../../host/protocols/jk300.ts';
import { decodeJkUartFrame } from '../../../host/protocols/jk-uart.ts';
import { PylonCanDecoder } from '../../../host/protocols/pylon-can.ts';
import { toSample } from '../../../host/protocols/sample.ts';
import { createDalyStreamDecoder } from '../../../host/protocols/daly.ts';
import { bytesOf, vector } from './vector-support.ts';

test('JBD 17S: wire −20.12 A (discharging) becomes current_A +20.12; cells from 0x04; temperature = mean of the NTCs', () => {
  const s = toSample([decodeJbdFrame(bytesOf('jbd-doc-basic-17s')), decodeJbdFrame(bytesOf('jbd-doc-cells-17s'))])!;
  assert.is(s.voltage_V, 66.23);
  assert.is(s.current_A, 20.12);
  assert.ok(Math.abs(s.temp_degC - (23.7 + 25.4 + 23.5 + 23.6) / 4) < 1e-9);
  assert.is(s.temp_assumed, false);
  assert.is(s.soc_pct, 87);
  assert.is(s.cell_voltages_V!.length, 17);
});

test('Daly: raw 30256 (wire current_a −25.6, discharging) becomes +25.6; invert_current flips it; 0x95 cells need cell_count', () => {
  const soc = decodeDalyFrame(bytesOf('daly-solarreader-90'));
  const temps = decodeDalyFrame(bytesOf('daly-solarreader-92'));
  const cells = createDalyStreamDecoder().push(bytesOf('daly-solarreader-95-14s')).frames as DalyFrame[];
  const s = toSample([soc, temps, ...cells], { cell_count: 14 })!;
  assert.equal([s.voltage_V, s.current_A, s.temp_degC, s.soc_pct], [52.8, 25.6, 21, 50]);
  assert.equal(s.cell_voltages_V, vector('daly-solarreader-95-14s').decoded.cell_voltages_v);
  assert.is(toSample([soc], { invert_current: true })!.current_A, -25.6);
  assert.is(toSample([soc, ...cells])!.cell_voltages_V, undefined);
});

test('JK RS485 charging +2.08 A becomes current_A −2.08; temperature = mean of T1/T2, not the MOS sensor', () => {
  const s = toSample([decodeJkUartFrame(bytesOf('jk-uart-doc-14s'))])!;
  assert.equal([s.voltage_V, s.current_A, s.temp_degC, s.soc_pct], [53.59, -2.08, 29, 15]);
});

test('JK 300-byte JK02_32S discharging −0.727 A becomes +0.727', () => {
  const s = toSample([decodeJk300Frame(bytesOf('jk300-v19-32s-discharging'), { variant: 'JK02_32S' })])!;
  assert.equal([s.voltage_V, s.current_A, s.temp_degC, s.soc_pct], [54.028, 0.727, (11.9 + 12.7) / 2, 100]);
});

test('Pylon CAN: 0x356 charging +0.4 A becomes −0.4; SOC from 0x355; the pack temperature from 0x356', () => {
  const p = PylonCanDecoder.load();
  const s = toSample([p.decodeStrict(vector('pylon-armin-355').line!), p.decodeStrict(vector('pylon-armin-356').line!)])!;
  assert.equal([s.voltage_V, s.current_A, s.temp_degC, s.soc_pct, s.temp_assumed], [52.28, -0.4, 22, 60, false]);
});

test('ANT: both NTCs read −40 °C (not connected), so the MOS temperature is used; 0 A stays 0', async () => {
  const { decodeAntFrame } = await import('../../../host/protocols/ant.ts');
  const s = toSample([decodeAntFrame(bytesOf('ant-new-8s-batmon'))])!;
  assert.equal([s.voltage_V, s.current_A, s.temp_degC, s.temp_assumed, s.soc_pct], [28.33, 0, 28, false, 100]);
  assert.is(s.cell_voltages_V!.length, 8);
});

test('no sample without voltage and current; a frame without temperature uses the stated default and says so', () => {
  assert.is(toSample([decodeJbdFrame(bytesOf('jbd-sp04-cells-1'))]), undefined);
  const noNtc = decodeInput('jbd', '', { stream: true }); // empty stream: nothing
  assert.equal(noNtc.frames, []);
  const soc = decodeDalyFrame(bytesOf('daly-maland16-90'));
  const s = toSample([soc], { default_temp_degC: 20 })!;
  assert.equal([s.temp_degC, s.temp_assumed, s.current_A], [20, true, 0]);
  assert.is(Object.is(s.current_A, -0), false);
});

test.run();
