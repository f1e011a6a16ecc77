/**
 * Serves a simulated BMS on a serial device (a pty end): requests are parsed with the project's
 * own stream decoders (which report requests as frames of kind 'request'), the simulation is
 * advanced to "now" (wall time since start x speed), and the reply is encoded from the BMS state.
 *
 * Protocols: JBD (registers 0x03 basic info, 0x04 cells, 0x05 model) and Daly (data ids 0x90-0x98,
 * board address 1: requests from host 0x40 + board - 1, or 0x80 / 0x20). Every reply is reported to
 * `onSent` with the request code and the state it was built from, so an end-to-end test can compare
 * what the monitor decodes with what was sent.
 *
 * jk-uart: JK RS485/TTL `4E 57` frames (jk.ts); a read-all request (command 6) gets the read-all
 * reply (onSent code 6), any other command no answer.
 *
 * slcan-pylon: the server plays an SLCAN (Lawicel) USB-CAN adapter on a bus where a Pylontech-
 * compatible battery broadcasts: it acknowledges C / S<n> / O / L with CR, refuses Z (timestamps)
 * with BEL, answers V / N, acks host transmits with `z`, and once the channel is open sends the
 * battery's frame set (pylon.ts) every `broadcast_ms` (onSent code 0x356 per set).
 */
import { SerialPort } from 'serialport';
import { createDalyStreamDecoder, createJbdStreamDecoder, createJkUartStreamDecoder, JkUartCommand } from '../../protocols/index.ts';
import { SimError } from '../errors.ts';
import type { Simulation } from '../simulation.ts';
import { bmsState, JBD_PROTECTION_BIT, type BmsState } from './bms-state.ts';
import { jbdBasicInfo, jbdCells, jbdModel } from './jbd.ts';
import { dalyReplies, DALY_BOARD_DEFAULT } from './daly.ts';
import { jkUartReadAll } from './jk.ts';
import { EnergyCounter, pylonFrames, slcanLine } from './pylon.ts';

export const SERVE_PROTOCOLS = ['jbd', 'daly', 'jk-uart', 'slcan-pylon'] as const;
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
  /** slcan-pylon: wall ms between broadcasts (a real battery: 1000). */
  broadcast_ms?: number;
}

export class SerialBmsServer {
  private port: SerialPort | undefined;
  private t0_ms = 0;
  private readonly clock: () => number;
  private timer: NodeJS.Timeout | undefined;
  /** Energy in and out since the server started (Pylontech 0x378). */
  private readonly energy = new EnergyCounter();
  requests = 0;

  constructor(readonly sim: Simulation, readonly opts: ServerOptions) {
    this.clock = opts.clock ?? Date.now;
  }

  async start(): Promise<void> {
    const port = new SerialPort({ path: this.opts.path, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(new SimError(`cannot open ${this.opts.path}: ${err.message}`, 'io', { cause: err })) : resolve())));
    this.port = port;
    this.t0_ms = this.clock();
    if (this.opts.protocol === 'jbd') {
      const decoder = createJbdStreamDecoder();
      port.on('data', (chunk: Buffer) => {
        for (const f of decoder.push(new Uint8Array(chunk)).frames) {
          if (f.kind !== 'request' || f.fields.write) continue;
          this.requests++;
          this.send(f.fields.register, (s) => this.jbd(f.fields.register, s));
        }
      });
    } else if (this.opts.protocol === 'jk-uart') {
      const decoder = createJkUartStreamDecoder();
      const chemistry = this.sim.cfg.chemistry === 'LFP' ? 'LFP' : 'NMC';
      port.on('data', (chunk: Buffer) => {
        for (const f of decoder.push(new Uint8Array(chunk)).frames) {
          if (f.kind !== 'request' || f.fields.command !== JkUartCommand.READ_ALL) continue;
          this.requests++;
          this.send(JkUartCommand.READ_ALL, (s) => [jkUartReadAll(s, { chemistry })]);
        }
      });
    } else if (this.opts.protocol === 'slcan-pylon') {
      let line = '';
      port.on('data', (chunk: Buffer) => {
        for (const ch of chunk.toString('latin1')) {
          if (ch !== '\r') { line += ch; continue; }
          this.slcanCommand(line.trim());
          line = '';
        }
      });
    } else {
      const hosts = [...Array.from({ length: 16 }, (_, i) => 0x40 + i), 0x80, 0x20];
      const decoder = createDalyStreamDecoder({ host_addresses: hosts });
      port.on('data', (chunk: Buffer) => {
        for (const f of decoder.push(new Uint8Array(chunk)).frames) {
          if (f.kind !== 'request') continue;
          const h = f.fields.host_address;
          const board = h >= 0x40 && h < 0x50 ? h - 0x40 + 1 : DALY_BOARD_DEFAULT;
          if (board !== DALY_BOARD_DEFAULT) continue; // another board on the bus
          this.requests++;
          this.send(f.fields.data_id, (s) => dalyReplies(f.fields.data_id, s, board));
        }
      });
    }
    port.on('error', (err) => this.opts.onError?.(err));
  }

  /** Advances the simulation to the wall time now. */
  catchUp(): void {
    this.sim.advanceTo(((this.clock() - this.t0_ms) / 1000) * this.opts.speed);
  }

  private send(code: number, encode: (s: BmsState) => Uint8Array[]): void {
    this.catchUp();
    const s = bmsState(this.sim);
    const frames = encode(s);
    if (frames.length === 0) return; // a real unit stays silent on what it does not know
    for (const f of frames) this.port?.write(Buffer.from(f));
    this.opts.onSent?.(code, s);
  }

  private slcanCommand(cmd: string): void {
    if (cmd === '') return;
    this.requests++;
    const c = cmd[0]!;
    let answer = '\r';
    if (c === 'O' || c === 'L') {
      if (!this.timer) this.timer = setInterval(() => this.broadcast(), this.opts.broadcast_ms ?? 1000);
    } else if (c === 'C') {
      clearInterval(this.timer);
      this.timer = undefined;
    } else if (c === 'Z') {
      answer = '\x07';
    } else if (c === 'V') {
      answer = 'V1013\r';
    } else if (c === 'N') {
      answer = 'NB0E1\r';
    } else if (c === 't' || c === 'T') {
      answer = 'z\r';
    } else if (c !== 'S') {
      answer = '\x07';
    }
    this.port?.write(answer);
  }

  private broadcast(): void {
    this.send(0x356, (s) => [new TextEncoder().encode(pylonFrames(s, this.energy.add(s)).map(slcanLine).join(''))]);
  }

  private jbd(register: number, s: BmsState): Uint8Array[] {
    if (register === 0x03) {
      return [jbdBasicInfo({
        pack_voltage_V: s.pack_voltage_V, current_A: s.current_A, remaining_capacity_Ah: s.remaining_capacity_Ah,
        nominal_capacity_Ah: s.nominal_capacity_Ah, cycles: s.cycles, balancing: s.balancing,
        protection_bits: s.protections.map((p) => JBD_PROTECTION_BIT[p]), soc_pct: s.soc_pct,
        charge_fet_on: s.charge_fet_on, discharge_fet_on: s.discharge_fet_on, cell_count: s.cells_V.length, temps_degC: s.temps_degC,
      })];
    }
    if (register === 0x04) return [jbdCells(s.cells_V)];
    if (register === 0x05) return [jbdModel('bms-edge-sim')];
    return [];
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    const port = this.port;
    this.port = undefined;
    if (!port || !port.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
