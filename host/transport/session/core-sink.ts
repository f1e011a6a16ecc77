/**
 * Feeds monitor samples into the WASM core, one core instance per unit address (each unit is its
 * own battery). A core is created at the unit's first sample, so the series cell count can come
 * from the BMS when the user did not give it. Sample time goes in as seconds (receive time / 1000),
 * pack voltage, current positive = discharge, temperature in degC: the core's units.
 */
import { Core, flagNames } from '../../core/core.ts';
import type { ChemistryName } from '../../../layout/presets.ts';
import type { CoreStatus, SampleSink } from './events.ts';
import type { Sample } from './unit-state.ts';

export interface CoreSinkOptions {
  chemistry: ChemistryName;
  ratedCapacity_Ah?: number;
  /** Cells in series; default: the count the BMS reports, else 1. */
  seriesCells?: number;
}

export class CoreSink implements SampleSink {
  private readonly cores = new Map<number, Core>();

  constructor(private readonly options: CoreSinkOptions) {}

  /** Fails early (missing build/core.wasm, refused parameters) before any port is opened. */
  static probe(options: CoreSinkOptions): void {
    Core.create({ chemistry: options.chemistry, ...(options.ratedCapacity_Ah ? { ratedCapacity_Ah: options.ratedCapacity_Ah } : {}) });
  }

  step(sample: Sample): CoreStatus {
    let core = this.cores.get(sample.address);
    if (!core) {
      const seriesCells = this.options.seriesCells ?? sample.cellCount ?? 1;
      core = Core.create({ chemistry: this.options.chemistry, seriesCells, ...(this.options.ratedCapacity_Ah ? { ratedCapacity_Ah: this.options.ratedCapacity_Ah } : {}) });
      this.cores.set(sample.address, core);
    }
    const flags = core.step(sample.time_ms / 1000, sample.voltage_V, sample.current_A, sample.temp_degC);
    const snap = core.snapshot();
    return { soc: snap.soc ?? NaN, soh: snap.soh ?? NaN, events_total: snap.events_total ?? 0, flags, flagNames: flagNames(flags) };
  }
}
