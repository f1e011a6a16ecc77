// Small synthetic batteries for the record tests: a live core driven through a few cycles, so that
// exports are small (the bit-flip test walks every bit) and the ring can be made to overwrite.
import { Core } from '../../../host/core/core.ts';
import { recordFromCore } from '../../../host/record/build.ts';
import type { BmsRecord } from '../../../host/record/model.ts';

export const EXPORTED_AT = '2026-03-01T12:00:00Z';

/** One sample every 10 s: rest, 2 A discharge with a sag, rest, 1.5 A charge; `cycles` times. */
export function drive(core: Core, cycles: number, t0_s = 0, dipBelowLimit = false): number {
  let t = t0_s;
  for (let k = 0; k < cycles; k++) {
    for (let i = 0; i < 30; i++) core.step((t += 10), 4.0, 0, 25);
    for (let i = 0; i < 200; i++) core.step((t += 10), 4.0 - i * 0.004 - (dipBelowLimit && i === 199 ? 1.5 : 0), 2, 30);
    for (let i = 0; i < 30; i++) core.step((t += 10), 3.4, 0, 27);
    for (let i = 0; i < 200; i++) core.step((t += 10), 3.5 + i * 0.0035, -1.5, 26);
  }
  return t;
}

export function newCore(summaryInterval_s = 3600): Core {
  return Core.create({ chemistry: 'NASA18650', overrides: { log_summary_interval_s: summaryInterval_s } });
}

/** A small record of a live core (about 2 KB of CBOR). */
export function smallRecord(serial = 'TEST-0001'): BmsRecord {
  const core = newCore();
  drive(core, 1, 0, true);
  return recordFromCore(core, { exportedAt: EXPORTED_AT, sourceName: 'synthetic', config: { identity: { serial_number: serial, battery_component: 'cell' }, clock_epoch_utc: '2026-01-01T00:00:00Z' } });
}
