/**
 * Listen driver for battery CAN (Pylontech / SMA / Victron LV protocol, 500 kbit/s) through an
 * SLCAN adapter. Frames are decoded by the protocols' DBC-driven `PylonCanDecoder`; a sample is
 * emitted on every 0x356 (pack voltage, current, temperature), with SOC/SOH from the latest 0x355
 * and cell extremes from the latest 0x373 (or 0x370). There is no address: one battery (or one
 * aggregating BMS) per bus.
 */
import { PylonCanDecoder, type PylonOptions } from '../../protocols/index.ts';
import type { CanFrame } from '../transport.ts';
import type { DriverFrame, ListenDriver } from './driver.ts';

export const PYLON_PACK_MEASUREMENTS = 0x356;

export function pylonDriver(options: PylonOptions = {}): ListenDriver {
  let decoder: PylonCanDecoder | undefined;
  return {
    kind: 'listen',
    protocol: 'slcan-pylon',
    defaultBaud: 115200,
    bitrate_bps: 500_000,
    sampleOn: PYLON_PACK_MEASUREMENTS,
    decode(frame: CanFrame): DriverFrame | 'unknown-id' | undefined {
      decoder ??= PylonCanDecoder.load(options);
      const f = decoder.decode(frame);
      if (f.kind === 'unknown') return f.frame.rtr ? undefined : 'unknown-id';
      return { type: frame.id, key: `pylon:${frame.id}`, frame: f };
    },
    sampleOptions: () => ({}),
  };
}
