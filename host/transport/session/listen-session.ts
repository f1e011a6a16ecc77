/**
 * One connection's worth of listening on a CAN bus (SLCAN adapter): decode every frame, merge it
 * into the unit's state, emit a sample whenever the frame type that carries V, I and T arrives.
 * Frames with an id the protocol does not describe are counted as `unknownIds`, frames it cannot
 * use (remote frames) as misrouted; neither is an error.
 */
import type { ListenDriver } from './driver.ts';
import type { MonitorEvent } from './events.ts';
import type { UnitState } from './unit-state.ts';
import type { CanFrame, CanTransport } from '../transport.ts';

export interface ListenContext {
  can: CanTransport;
  driver: ListenDriver;
  unit: UnitState;
  counters: { frames: number; misrouted: number; unknownIds: number };
  shouldStop(): boolean;
  emit(e: MonitorEvent): void;
  /** Every received CAN frame, decoded or not (e.g. a candump log writer). */
  onCanFrame?(frame: CanFrame): void;
}

export async function listenSession(ctx: ListenContext): Promise<void> {
  while (!ctx.shouldStop()) {
    const frames = await ctx.can.read();
    for (const f of frames) {
      ctx.onCanFrame?.(f);
      const decoded = ctx.driver.decode(f);
      if (decoded === 'unknown-id') {
        ctx.counters.unknownIds++;
        continue;
      }
      if (!decoded) {
        ctx.counters.misrouted++;
        continue;
      }
      ctx.counters.frames++;
      ctx.unit.merge(decoded);
      if (decoded.type === ctx.driver.sampleOn) {
        const sample = ctx.unit.sample(f.time_ms, ctx.driver.sampleOptions(ctx.unit.frames));
        if (sample) ctx.emit({ type: 'sample', sample });
      }
      if (ctx.shouldStop()) return;
    }
  }
}
