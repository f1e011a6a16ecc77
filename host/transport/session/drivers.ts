/**
 * The protocols `bms-edge monitor` speaks, by their command-line name, with the per-device
 * overrides the wire leaves open (protocols.md §5, §6): current sign, Daly host address, JK
 * layout variant, the meaning of Pylon 0x370/0x371.
 */
import type { Jk300Variant, Meaning370 } from '../../protocols/index.ts';
import { jbdDriver, jkUartDriver, makeDalyDriver, makeJk300Driver } from './byte-drivers.ts';
import { pylonDriver } from './can-drivers.ts';
import type { Driver } from './driver.ts';

export const MONITOR_PROTOCOLS = ['jbd', 'daly', 'jk-uart', 'jk300', 'slcan-pylon'] as const;
export type MonitorProtocol = (typeof MONITOR_PROTOCOLS)[number];

export interface DriverOverrides {
  /** The unit counts current the other way round (Daly / JK firmware): flip the sign. */
  invertCurrent?: boolean;
  /** Daly host address byte of board 1: 0x40 (default) or 0x80. */
  dalyHost?: number;
  /** JK 300-byte cell-info layout; default detected. */
  jkVariant?: Jk300Variant | 'auto';
  /** Pylon 0x370/0x371: binary cell extremes (default) or Victron ASCII name. */
  meaning370?: Meaning370;
}

function base(protocol: MonitorProtocol, o: DriverOverrides): Driver {
  switch (protocol) {
    case 'jbd':
      return jbdDriver;
    case 'daly':
      return makeDalyDriver(o.dalyHost);
    case 'jk-uart':
      return jkUartDriver;
    case 'jk300':
      return makeJk300Driver(o.jkVariant);
    case 'slcan-pylon':
      return pylonDriver(o.meaning370 ? { meaning370: o.meaning370 } : {});
  }
}

export function driverFor(protocol: MonitorProtocol, overrides: DriverOverrides = {}): Driver {
  const d = base(protocol, overrides);
  if (!overrides.invertCurrent) return d;
  // The sign flip is an option of toSample, the one place where the sign is converted.
  const inner = d.sampleOptions;
  return { ...d, sampleOptions: (known) => ({ ...inner(known), invert_current: true }) } as Driver;
}

/** Addresses polled when `--address` is not given: Daly board 1, JK-PB DIP address 1; others 0 (no address). */
export function defaultAddresses(protocol: MonitorProtocol): number[] {
  return protocol === 'daly' || protocol === 'jk300' ? [1] : [0];
}
