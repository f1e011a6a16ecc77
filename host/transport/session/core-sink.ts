/**
 * Feeds monitor samples into the WASM core, one core instance per unit address (each unit is its
 * own battery). A core is created at the unit's first sample, so the series cell count can come
 * from the BMS when the user did not give it; when the wire has no cell count (Pylontech CAN
 * without 0x373), it is estimated as pack voltage / mid cell voltage (from the cell extremes when
 * known, else the chemistry's nominal cell voltage), rounded. Sample time goes in as seconds (receive time / 1000),
 * pack voltage, current positive = discharge, temperature in degC: the core's units.
 */
import { Core, flagNames, PARAMS_REASON } from '../../core/core.ts';
import { applySignedParams } from '../../params/apply.ts';
import { presetValues, type ChemistryName, type ParamValues } from '../../../layout/presets.ts';
import type { CoreStatus, SampleSink } from './events.ts';
import type { Sample } from './unit-state.ts';

/** Nominal cell voltage per chemistry, V: only for estimating a missing series cell count. */
const NOMINAL_CELL_V = { NMC: 3.65, LFP: 3.2, NASA18650: 3.7 } as const;

export function estimateSeriesCells(sample: Sample, chemistry: ChemistryName): number {
  if (sample.cellCount !== undefined && sample.cellCount > 0) return sample.cellCount;
  const mid_V = sample.cellMin_V !== undefined && sample.cellMax_V !== undefined && sample.cellMin_V > 0 ? (sample.cellMin_V + sample.cellMax_V) / 2 : NOMINAL_CELL_V[chemistry];
  return Math.max(1, Math.round(sample.voltage_V / mid_V));
}

export interface CoreSinkOptions {
  chemistry: ChemistryName;
  /** Capacity of the series string, Ah; default: the nominal capacity the BMS reports, else the chemistry preset's cell. */
  ratedCapacity_Ah?: number;
  /** Cells in series; default: the count the BMS reports, else estimated from the pack voltage. */
  seriesCells?: number;
  /** Parameter values over the preset (a cell file's fit, --params). */
  overrides?: ParamValues;
  /** The cell file the overrides came from, for the set-up line. */
  paramsFile?: string;
  /** Told once per unit how its core was set up: `core: 16 S x 50 Ah from BMS basic info`. */
  onSetup?(line: string, address: number): void;
  /**
   * A parameter block pushed to every unit's (simulated) device core, checked as the device checks it:
   * the Ed25519 signature with the device's public key (build/verify.wasm), then params_apply().
   */
  update?: { block: Uint8Array; signature?: Uint8Array; publicKey: Uint8Array };
}

/** The simulated device refused the pushed parameter block (reason: the core's code, 7 = signature). */
export class ParamsUpdateRefused extends Error {
  constructor(readonly reason: number) {
    super(`parameter block refused by the device: ${PARAMS_REASON[reason] ?? reason} (reason ${reason})`);
    this.name = 'ParamsUpdateRefused';
  }
}

function push(core: Core, update: CoreSinkOptions['update']): void {
  if (!update) return;
  const r = applySignedParams(core, update.block, update.signature, update.publicKey);
  if (r !== 0) throw new ParamsUpdateRefused(r);
}

export class CoreSink implements SampleSink {
  private readonly cores = new Map<number, { core: Core; seriesCells: number }>();

  constructor(private readonly options: CoreSinkOptions) {}

  /** Fails early (missing build/core.wasm, refused parameters) before any port is opened. */
  static probe(options: CoreSinkOptions): void {
    push(Core.create({ chemistry: options.chemistry, ...(options.ratedCapacity_Ah ? { ratedCapacity_Ah: options.ratedCapacity_Ah } : {}), ...(options.overrides ? { overrides: options.overrides } : {}) }), options.update);
  }

  step(sample: Sample): CoreStatus {
    let unit = this.cores.get(sample.address);
    if (!unit) {
      const seriesCells = this.options.seriesCells ?? estimateSeriesCells(sample, this.options.chemistry);
      const capacity_Ah = this.options.ratedCapacity_Ah ?? sample.packCapacity_Ah;
      const core = Core.create({ chemistry: this.options.chemistry, seriesCells, ...(capacity_Ah ? { ratedCapacity_Ah: capacity_Ah } : {}), ...(this.options.overrides ? { overrides: this.options.overrides } : {}) });
      push(core, this.options.update);
      unit = { core, seriesCells };
      this.cores.set(sample.address, unit);
      this.options.onSetup?.(setupLine(this.options, sample, seriesCells, capacity_Ah ?? presetValues(this.options.chemistry).rated_capacity_Ah!), sample.address);
    }
    const core = unit.core;
    const flags = core.step(sample.time_ms / 1000, sample.voltage_V, sample.current_A, sample.temp_degC);
    const snap = core.snapshot();
    return { soc: snap.soc ?? NaN, soh: snap.soh ?? NaN, events_total: snap.events_total ?? 0, flags, flagNames: flagNames(flags), seriesCells: unit.seriesCells };
  }
}

/** `core: 16 S x 50 Ah from BMS basic info`: what the core was set up with and where each number came from. */
function setupLine(o: CoreSinkOptions, sample: Sample, seriesCells: number, capacity_Ah: number): string {
  if (o.paramsFile !== undefined) return `core: --params ${o.paramsFile} (${seriesCells} S x ${Math.round(capacity_Ah * 1000) / 1000} Ah)`;
  const cellsFrom = o.seriesCells !== undefined ? '--series-cells' : sample.cellCount ? 'BMS' : 'estimated from the pack voltage';
  const capFrom = o.ratedCapacity_Ah !== undefined ? '--capacity-ah' : sample.packCapacity_Ah ? (sample.capacitySource ?? 'BMS') : `the ${o.chemistry} preset (the BMS reported no capacity)`;
  const from = cellsFrom === 'BMS' && capFrom.startsWith('BMS') ? capFrom : `${capFrom}; cells: ${cellsFrom}`;
  return `core: ${seriesCells} S x ${Math.round(capacity_Ah * 1000) / 1000} Ah from ${from}`;
}
