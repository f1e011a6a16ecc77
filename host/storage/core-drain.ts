/**
 * What the firmware's log task does: copy the core's new log records (RAM ring, by core sequence
 * number) to the flash log, verbatim. The core's ring holds seq in [next_seq - count, next_seq) with
 * record `seq` in slot (seq - 1) % LOG_CAPACITY (assembly/log/ring.ts); records older than the ring
 * are gone, which the firmware avoids by draining at least every LOG_CAPACITY records.
 */
import { LOG_CAPACITY } from '../../layout/core-layout.ts';
import type { Core } from '../core/core.ts';
import { regionBase, structSize } from '../core/layout.ts';
import { type FlashLog } from './flash-log.ts';

/** Raw 32-B records with core seq >= fromSeq still in the core's ring, oldest first. */
export function coreLogBytes(core: Core, fromSeq: number): Uint8Array[] {
  const state = core.region('LOG_STATE');
  const next = state.next_seq as number;
  const first = Math.max(fromSeq, next - (state.count as number), 1);
  const size = structSize('LOG');
  const mem = new Uint8Array(core.memory);
  const out: Uint8Array[] = [];
  for (let seq = first; seq < next; seq++) {
    const at = regionBase('LOG') + ((seq - 1) % LOG_CAPACITY) * size;
    out.push(mem.slice(at, at + size));
  }
  return out;
}

/** Appends every record from core seq `cursor` on; returns the next cursor (the core's next_seq). */
export function drainCoreLog(core: Core, log: FlashLog, cursor: number): number {
  const records = coreLogBytes(core, cursor);
  for (const r of records) log.append(r);
  return Math.max(cursor, core.region('LOG_STATE').next_seq as number);
}
