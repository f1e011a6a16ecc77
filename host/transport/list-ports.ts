/**
 * Serial ports a BMS adapter may be on. `serialport`'s list needs udev (`udevadm`) on Linux; without
 * it (containers, minimal images) the list falls back to scanning the device directory for
 * `/dev/serial/by-id/*` (stable names, preferred: they survive renumbering), `ttyUSB*` and `ttyACM*`,
 * and says which method it used.
 */
import { readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';

export interface PortInfo {
  path: string;
  /** The device node a by-id link points to. */
  device?: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
}

export interface PortList {
  method: 'serialport' | 'scan';
  ports: PortInfo[];
  /** Why the serialport list was not used (e.g. `spawn udevadm ENOENT`). */
  note?: string;
}

export interface ListOptions {
  list?: () => Promise<PortInfo[]>;
  devDir?: string;
}

function scan(devDir: string): PortInfo[] {
  const ports: PortInfo[] = [];
  const seen = new Set<string>();
  try {
    for (const name of readdirSync(join(devDir, 'serial/by-id')).sort()) {
      const path = join(devDir, 'serial/by-id', name);
      let device: string | undefined;
      try {
        device = realpathSync(path);
      } catch {
        device = undefined;
      }
      if (device) seen.add(device);
      ports.push(device ? { path, device } : { path });
    }
  } catch {
    // no by-id directory: no udev, or no USB serial device plugged in
  }
  let names: string[];
  try {
    names = readdirSync(devDir);
  } catch {
    names = [];
  }
  for (const name of names.filter((n) => /^tty(USB|ACM)\d+$/.test(n)).sort()) {
    const path = join(devDir, name);
    if (!seen.has(path)) ports.push({ path });
  }
  return ports;
}

export async function listPorts(options: ListOptions = {}): Promise<PortList> {
  const list = options.list ?? (() => SerialPort.list() as Promise<PortInfo[]>);
  try {
    const ports = (await list()).map((p) => {
      const info: PortInfo = { path: p.path };
      for (const k of ['manufacturer', 'serialNumber', 'vendorId', 'productId'] as const) if (p[k]) info[k] = p[k];
      return info;
    });
    return { method: 'serialport', ports };
  } catch (err) {
    return { method: 'scan', ports: scan(options.devDir ?? '/dev'), note: `serialport list unavailable (${(err as Error).message})` };
  }
}
