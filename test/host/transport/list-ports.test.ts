import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPorts } from '../../../host/transport/list-ports.ts';

test('without udev the list falls back to a /dev scan: by-id links first (with their device), then unlinked ttyUSB/ttyACM', async () => {
  const dev = mkdtempSync(join(tmpdir(), 'bms-edge-dev-'));
  try {
    for (const n of ['ttyUSB0', 'ttyUSB1', 'ttyACM0', 'ttyS0', 'null']) writeFileSync(join(dev, n), '');
    mkdirSync(join(dev, 'serial/by-id'), { recursive: true });
    symlinkSync(join(dev, 'ttyUSB1'), join(dev, 'serial/by-id/usb-FTDI_FT232R-if00-port0'));
    const r = await listPorts({ devDir: dev, list: () => Promise.reject(new Error('spawn udevadm ENOENT')) });
    assert.is(r.method, 'scan');
    assert.match(r.note ?? '', 'udevadm');
    assert.equal(r.ports.map((p) => p.path.slice(dev.length + 1)), ['serial/by-id/usb-FTDI_FT232R-if00-port0', 'ttyACM0', 'ttyUSB0']);
    assert.is(r.ports[0]?.device, join(dev, 'ttyUSB1'));
  } finally {
    rmSync(dev, { recursive: true, force: true });
  }
});

test('with a working serialport list its entries are used', async () => {
  const r = await listPorts({ list: () => Promise.resolve([{ path: '/dev/ttyUSB0', manufacturer: 'FTDI', vendorId: '0403', productId: '6001' }]) });
  assert.equal(r, { method: 'serialport', ports: [{ path: '/dev/ttyUSB0', manufacturer: 'FTDI', vendorId: '0403', productId: '6001' }] });
});

test.run();
