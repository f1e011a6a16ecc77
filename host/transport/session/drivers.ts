/** The protocols `bms-edge monitor` speaks, by their command-line name. */
import { dalyDriver, jbdDriver, jk300Driver, jkUartDriver } from './byte-drivers.ts';
import { pylonDriver } from './can-drivers.ts';
import type { Driver } from './driver.ts';

export const MONITOR_PROTOCOLS = ['jbd', 'daly', 'jk-uart', 'jk300', 'slcan-pylon'] as const;
export type MonitorProtocol = (typeof MONITOR_PROTOCOLS)[number];

export function driverFor(protocol: MonitorProtocol): Driver {
  switch (protocol) {
    case 'jbd':
      return jbdDriver;
    case 'daly':
      return dalyDriver;
    case 'jk-uart':
      return jkUartDriver;
    case 'jk300':
      return jk300Driver;
    case 'slcan-pylon':
      return pylonDriver();
  }
}

/** Addresses polled when `--address` is not given: Daly board 1, JK-PB DIP address 1; others 0 (no address). */
export function defaultAddresses(protocol: MonitorProtocol): number[] {
  return protocol === 'daly' || protocol === 'jk300' ? [1] : [0];
}
