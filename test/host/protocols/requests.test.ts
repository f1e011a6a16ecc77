/** The request builders a monitor polls with reproduce the captured request bytes exactly. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dalyRequest, decodeDalyFrame } from '../../../host/protocols/daly.ts';
import { DecodeError } from '../../../host/protocols/errors.ts';
import { jbdReadRequest, jbdWriteRequest } from '../../../host/protocols/jbd.ts';
import { decodeJk300Frame, jkBleCommand, jkPbStatusTrigger } from '../../../host/protocols/jk300.ts';
import { jkUartReadAllRequest } from '../../../host/protocols/jk-uart.ts';
import { vector } from './vector-support.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

test('JBD read requests 0x03/0x04/0x05 and writes (0xE1 charge off, 0x01 exit factory mode) equal the captured requests', () => {
  assert.is(hex(jbdReadRequest(0x03)), vector('jbd-request-0').hex);
  assert.is(hex(jbdReadRequest(0x04)), vector('jbd-request-1').hex);
  assert.is(hex(jbdReadRequest(0x05)), vector('jbd-request-2').hex);
  assert.is(hex(jbdWriteRequest(0xe1, new Uint8Array([0x00, 0x01]))), vector('jbd-request-3').hex);
  assert.is(hex(jbdWriteRequest(0x01, new Uint8Array([0x00, 0x00]))), vector('jbd-request-4').hex);
  assert.throws(() => jbdReadRequest(256), (e: DecodeError) => e.code === 'bad-option');
});

test('Daly requests with host address 0x40 equal the captures; 0x80 and AA fill give a correct checksum', () => {
  assert.is(hex(dalyRequest(0x90)), vector('daly-request-0').hex);
  assert.is(hex(dalyRequest(0x94, { host_address: 0x40 })), vector('daly-request-1').hex);
  assert.is(hex(dalyRequest(0x95)), vector('daly-request-2').hex);
  const alt = dalyRequest(0x90, { host_address: 0x80, fill: 0xaa });
  assert.equal(decodeDalyFrame(alt).fields, { host_address: 0x80, data_id: 0x90, fill_hex: 'aa'.repeat(8), checksum_ok: true });
  for (let id = 0x90; id <= 0x98; id++) assert.is(decodeDalyFrame(dalyRequest(id)).kind, 'request');
});

test('JK read-all request and JK-PB FC16 status trigger equal the captures; the BLE 0x96 command carries its sum', () => {
  assert.is(hex(jkUartReadAllRequest()), vector('jk-uart-request-read-all').hex);
  assert.is(hex(jkPbStatusTrigger(3)), vector('jk300-pb-rs485-fc16-request').hex);
  assert.equal(decodeJk300Frame(jkPbStatusTrigger(7)).fields, { address: 7, function: 16, register: 0x1620, crc_ok: true });
  const ble = jkBleCommand(0x96);
  assert.is(hex(ble), 'aa5590eb96' + '00'.repeat(14) + '10'); // Σ aa+55+90+eb+96 = 0x310
  assert.equal(decodeJk300Frame(ble).fields, { command: 0x96, length: 0, data_hex: '00000000', checksum_ok: true });
});

test('the FC16 ACK decodes, and a corrupted CRC is a checksum error', () => {
  assert.equal(decodeJk300Frame(new Uint8Array(Buffer.from('03101620000105a9', 'hex'))).kind, 'modbus-ack');
  assert.throws(() => decodeJk300Frame(new Uint8Array(Buffer.from('03101620000105aa', 'hex'))), (e: DecodeError) => e.code === 'checksum');
});

test.run();
