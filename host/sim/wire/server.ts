/**
 * Serves a simulated BMS on a serial device (a pty end): requests are parsed with the project's
 * own stream decoders (which report requests as frames of kind 'request'), the simulation is
 * advanced to "now" (wall time since start x speed), and the reply is encoded from the BMS state.
 *
 * Protocols: JBD (registers 0x03 basic info, 0x04 cells, 0x05 model). Every reply is reported to
 * `onSent` with the state it was built from, so an end-to-end test can compare what the monitor
 * decodes with what was sent.
 */
import { SerialPort } from 'serialport';
import { createJbdStreamDecoder } from '../../protocols/index.ts';
import { SimError } from '../errors.ts';
import type { Simulation } from '../simulation.ts';
import { bmsState, JBD_PROTECTION_BIT, type BmsState } from './bms-state.ts';
import { jbdBasicInfo, jbdCells, jbdModel } from './jbd.ts';

export const SERVE_PROTOCOLS = ['jbd'] as const;
export type ServeProtocol = (typeof SERVE_PROTOCOLS)[number];

export interface ServerOptions {
  path: string;
  protocol: ServeProtocol;
  /** Simulated seconds per wall second. */
  speed: number;
  /** Wall clock, ms (injectable). */
  clock?: () => number;
  onSent?: (register: number, state: BmsState) => void;
  onError?: (err: Error) => void;
}

export class SerialBmsServer {
  private port: SerialPort | undefined;
  private t0_ms = 0;
  private readonly clock: () => number;
  requests = 0;

  constructor(readonly sim: Simulation, readonly opts: ServerOptions) {
    this.clock = opts.clock ?? Date.now;
  }

  async start(): Promise<void> {
    const port = new SerialPort({ path: this.opts.path, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(new SimError(`cannot open ${this.opts.path}: ${err.message}`, 'io', { cause: err })) : resolve())));
    this.port = port;
    this.t0_ms = this.clock();
    const decoder = createJbdStreamDecoder();
    port.on('data', (chunk: Buffer) => {
      const res = decoder.push(new Uint8Array(chunk));
      for (const f of res.frames) {
        if (f.kind !== 'request' || f.fields.write) continue;
        this.requests++;
        this.reply(f.fields.register);
      }
    });
    port.on('error', (err) => this.opts.onError?.(err));
  }

  /** Advances the simulation to the wall time now. */
  catchUp(): void {
    this.sim.advanceTo(((this.clock() - this.t0_ms) / 1000) * this.opts.speed);
  }

  private reply(register: number): void {
    this.catchUp();
    const s = bmsState(this.sim);
    let bytes: Uint8Array;
    if (register === 0x03) {
      bytes = jbdBasicInfo({
        pack_voltage_V: s.pack_voltage_V, current_A: s.current_A, remaining_capacity_Ah: s.remaining_capacity_Ah,
        nominal_capacity_Ah: s.nominal_capacity_Ah, cycles: s.cycles, balancing: s.balancing,
        protection_bits: s.protections.map((p) => JBD_PROTECTION_BIT[p]), soc_pct: s.soc_pct,
        charge_fet_on: s.charge_fet_on, discharge_fet_on: s.discharge_fet_on, cell_count: s.cells_V.length, temps_degC: s.temps_degC,
      });
    } else if (register === 0x04) {
      bytes = jbdCells(s.cells_V);
    } else if (register === 0x05) {
      bytes = jbdModel('bms-edge-sim');
    } else {
      return; // a real unit stays silent on registers it does not know
    }
    this.port?.write(Buffer.from(bytes));
    this.opts.onSent?.(register, s);
  }

  async stop(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (!port || !port.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
