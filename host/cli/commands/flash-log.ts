/**
 * bms-edge flash-log <dump.bin> [--json]: reads a raw dump of a device's lifecycle-log flash region
 * (st-flash read, esptool read_flash, a debugger memory save) with the same recovery scan the device
 * runs at start-up, and prints what it holds: geometry, committed records, torn slots, the records.
 */
import { parseCommand } from '../args.ts';
import { CliError, Exit } from '../exit-codes.ts';
import { readInputFile } from '../files.ts';
import { importFlashDump, type ImportedLog } from '../../storage/dump.ts';
import { FlashLogError } from '../../storage/errors.ts';
import { EVENT_NAME } from '../../core/core.ts';

/** The --help text; the dispatcher prints it (host/cli/main.ts). */
export const HELP = `Usage: bms-edge flash-log <dump.bin> [options]

  <dump.bin>        raw bytes of the log region (whole erase blocks), as read from the device
  --all             print every record (default: the last 20)
  --json            one JSON document: geometry, counts and every record
  -h, --help

Counted separately: torn slots (a write interrupted by a power cut: expected, nothing committed was
lost) and damage to committed data: CRC failures (a sealed record whose bytes changed), erased gaps
(erased slots before a written one), missing blocks (block sequence numbers absent between the oldest
and the newest block) and missing records (log sequence numbers absent between two records).

Exit codes: 0 read, nothing committed damaged; 1 committed data damaged (CRC failures, erased gaps,
missing blocks or records, records out of order); 2 usage; 3 unreadable or not a bms-edge flash log.`;

function parse(args: string[]) {
  return parseCommand(args, { all: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } }, HELP);
}

function describe(a: number, type: string): string {
  return type === 'EVENT' ? `${EVENT_NAME[a] ?? a}` : String(a);
}

/** Committed data was lost or changed (a power cut alone never causes any of these). */
function damaged(log: ImportedLog): boolean {
  return log.crcFailures + log.erasedGaps + log.missingBlocks + log.missingRecords + log.outOfOrder > 0;
}

function toText(log: ImportedLog, all: boolean): string {
  const g = log.geometry;
  const out = [
    `geometry   ${g.blockCount} blocks x ${g.blockSize_B} B, program unit ${g.programUnit_B} B`,
    `records    ${log.records.length} committed (log seq ${log.records[0]?.flashSeq ?? '-'}..${log.lastSeq}), ${log.tornSlots - log.crcFailures} torn slots (interrupted writes) discarded, ${log.invalidBlocks} invalid blocks`,
    `damage     ${log.crcFailures} CRC failures, ${log.erasedGaps} erased gaps, ${log.missingBlocks} missing blocks, ${log.missingRecords} missing records, ${log.outOfOrder} out of order${damaged(log) ? '  <- COMMITTED DATA DAMAGED' : ''}`,
    `wear       highest erase count ${log.maxEraseCount}`,
  ];
  const shown = all ? log.records : log.records.slice(-20);
  if (shown.length) out.push('', ' log_seq  core_seq  type           t_s             a            b            c  crc');
  for (const e of shown) {
    const r = e.record;
    out.push(`${String(e.flashSeq).padStart(8)}  ${String(r.seq).padStart(8)}  ${r.typeName.padEnd(12)} ${r.t_s.toFixed(1).padStart(12)}  ${describe(r.a, r.typeName).padStart(11)}  ${r.b.toPrecision(6).padStart(11)}  ${r.c.toPrecision(6).padStart(11)}  ${r.crcOk ? 'ok' : 'BAD'}`);
  }
  if (!all && log.records.length > shown.length) out.push(`  (last ${shown.length} of ${log.records.length}; --all for every one)`);
  return out.join('\n');
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  if (positionals.length !== 1) throw new CliError(`expected one dump file\n${HELP}`, Exit.USAGE);
  const path = positionals[0]!;
  const bytes = readInputFile(path, 'flash dump', { nonEmpty: true });
  let log: ImportedLog;
  try {
    log = importFlashDump(new Uint8Array(bytes));
  } catch (err) {
    if (err instanceof FlashLogError) throw new CliError(`${path}: ${err.message}`, Exit.BAD_INPUT, { cause: err });
    throw err;
  }
  if (values.json) {
    console.log(JSON.stringify({
      geometry: log.geometry,
      committed: log.records.length,
      torn_slots: log.tornSlots - log.crcFailures,
      crc_failures: log.crcFailures,
      erased_gaps: log.erasedGaps,
      missing_blocks: log.missingBlocks,
      missing_records: log.missingRecords,
      out_of_order: log.outOfOrder,
      damaged: damaged(log),
      invalid_blocks: log.invalidBlocks,
      last_seq: log.lastSeq,
      max_erase_count: log.maxEraseCount,
      records: log.records.map((e) => ({ log_seq: e.flashSeq, block: e.block, slot: e.slot, ...e.record })),
    }, null, 2));
  } else {
    console.log(toText(log, values.all));
  }
  if (damaged(log) && !values.json) console.error(`bms-edge flash-log: ${path}: committed data damaged (see the damage line)`);
  return damaged(log) ? Exit.CHECK_FAILED : Exit.OK;
}
