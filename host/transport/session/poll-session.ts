/**
 * One connection's worth of polling: for each address in turn, run the driver's poll cycle
 * through the `Bus` (serialised requests, routing, echo suppression), merge the replies into the
 * unit's state and emit one sample per cycle that got any reply. Returns when `shouldStop()` says
 * so; throws the transport's error when the connection is lost.
 */
import type { Bus } from './bus.ts';
import type { PollDriver } from './driver.ts';
import type { MonitorEvent } from './events.ts';
import { sleep } from './sleep.ts';
import { UnitState } from './unit-state.ts';

export interface PollContext {
  bus: Bus;
  driver: PollDriver;
  units: Map<number, UnitState>;
  addresses: number[];
  interval_ms: number;
  requestTimeout_ms: number;
  signal: AbortSignal;
  shouldStop(): boolean;
  emit(e: MonitorEvent): void;
  clock(): number;
}

export async function pollSession(ctx: PollContext): Promise<void> {
  while (!ctx.shouldStop()) {
    for (const address of ctx.addresses) {
      let unit = ctx.units.get(address);
      if (!unit) ctx.units.set(address, (unit = new UnitState(address)));
      let answered = false;
      let last_ms: number | undefined;
      for (const step of ctx.driver.cycle(address, () => (unit as UnitState).frames)) {
        if (ctx.shouldStop()) return;
        const res = await ctx.bus.request(step, ctx.requestTimeout_ms);
        for (const f of res.frames) unit.merge(f);
        if (res.frames.length > 0) answered = true;
        if (res.time_ms !== undefined) last_ms = res.time_ms;
        if (res.timedOut) {
          const req = Buffer.from(step.request).toString('hex');
          ctx.emit({ type: 'status', status: 'timeout', time_ms: ctx.clock(), address, detail: `no complete reply to ${req} within ${ctx.requestTimeout_ms} ms` });
        }
      }
      const sample = answered && last_ms !== undefined ? unit.sample(last_ms, ctx.driver.sampleOptions(unit.frames)) : undefined;
      if (sample) ctx.emit({ type: 'sample', sample });
    }
    await sleep(ctx.interval_ms, ctx.signal);
  }
}
