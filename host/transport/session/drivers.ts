/** The protocols `bms-edge monitor` speaks, by their command-line name. */
import { dalyDriver, jbdDriver } from './byte-drivers.ts';
import type { Driver } from './driver.ts';

export const MONITOR_PROTOCOLS = ['jbd', 'daly'] as const;
export type MonitorProtocol = (typeof MONITOR_PROTOCOLS)[number];

const DRIVERS: Record<MonitorProtocol, Driver> = {
  jbd: jbdDriver,
  daly: dalyDriver,
};

export function driverFor(protocol: MonitorProtocol): Driver {
  return DRIVERS[protocol];
}

/** Addresses polled when `--address` is not given: Daly board 1; protocols without addresses 0. */
export function defaultAddresses(protocol: MonitorProtocol): number[] {
  return protocol === 'daly' ? [1] : [0];
}
