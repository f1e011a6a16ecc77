/**
 * Import of a raw dump of a device's log region (e.g. `st-flash read`, `esptool read_flash`, a
 * debugger memory save): the same scan as the device's start-up, so the host accepts exactly the
 * records the device would. The geometry is read from the block headers when not given: the first
 * valid header found at a 256-B boundary names the program unit and block size.
 */
import { type FlashGeometry } from './flash-device.ts';
import { FlashLogError } from './errors.ts';
import { decodeHeader } from './log-format.ts';
import { decodeLogRecord } from './log-record.ts';
import { scanLog, type LogEntry, type ScanResult } from './log-scan.ts';
import type { LogRecord } from '../core/core.ts';

export interface ImportedEntry extends LogEntry {
  record: LogRecord;
}

export interface ImportedLog extends Omit<ScanResult, 'records'> {
  geometry: FlashGeometry;
  records: ImportedEntry[];
}

const PROGRAM_UNITS = [1, 2, 4, 8, 16, 32];

/** Finds the geometry from the first valid header; undefined when the dump holds none. */
export function detectGeometry(dump: Uint8Array): FlashGeometry | undefined {
  for (let at = 0; at + 256 <= dump.length; at += 256) {
    for (const unit of PROGRAM_UNITS) {
      const h = decodeHeader(dump.subarray(at, Math.min(dump.length, at + 128)), unit);
      if (!h || at % h.blockSize_B !== 0 || dump.length % h.blockSize_B !== 0) continue;
      return { blockSize_B: h.blockSize_B, programUnit_B: h.programUnit_B, blockCount: dump.length / h.blockSize_B };
    }
  }
  return undefined;
}

export function importFlashDump(dump: Uint8Array, geometry?: FlashGeometry): ImportedLog {
  const g = geometry ?? detectGeometry(dump);
  if (!g) throw new FlashLogError(`no valid log block header in ${dump.length} B: not a bms-edge flash log (or pass the geometry)`, 'bad-dump');
  if (dump.length !== g.blockSize_B * g.blockCount) throw new FlashLogError(`dump of ${dump.length} B does not match ${g.blockCount} blocks of ${g.blockSize_B} B`, 'bad-dump');
  const scan = scanLog((o, n) => dump.slice(o, o + n), g);
  return { ...scan, geometry: g, records: scan.records.map((e) => ({ ...e, record: decodeLogRecord(e.bytes) })) };
}
