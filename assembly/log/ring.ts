// Lifecycle log: a ring of LOG_CAPACITY fixed-size records, overwrite-oldest.
// Invariants: sequence numbers start at 1 and never repeat; the records held are exactly
// seq in [next_seq - count, next_seq); record `seq` lives in slot (seq - 1) % LOG_CAPACITY;
// every record carries a CRC-32 over its first 28 bytes.
import {
  LOG_BASE, LOG_CAPACITY, LogRecord_SIZEOF, LogRecord_seq, LogRecord_type, LogRecord_flags, LogRecord_t_s,
  LogRecord_a, LogRecord_b, LogRecord_c, LogRecord_crc32,
  LOG_STATE_BASE, LogState_next_seq, LogState_count, LogState_overwritten, FLAG_LOG_OVERWROTE,
} from '../generated/layout';
import { crc32 } from '../util/crc32';
import { raiseFlag } from '../flags';

const S_NEXT = LOG_STATE_BASE + LogState_next_seq;
const S_COUNT = LOG_STATE_BASE + LogState_count;
const S_OVER = LOG_STATE_BASE + LogState_overwritten;

export function logInit(): void {
  store<u32>(<usize>S_NEXT, 1);
  store<u32>(<usize>S_COUNT, 0);
  store<u32>(<usize>S_OVER, 0);
}

@inline function slotAddr(seq: u32): u32 { return LOG_BASE + ((seq - 1) % LOG_CAPACITY) * LogRecord_SIZEOF; }

/** Appends one record; returns its sequence number. */
export function logAppend(type: u32, flags: u32, t_s: f64, a: f32, b: f32, c: f32): u32 {
  const seq = load<u32>(<usize>S_NEXT);
  const count = load<u32>(<usize>S_COUNT);
  if (count >= LOG_CAPACITY) {
    store<u32>(<usize>S_OVER, load<u32>(<usize>S_OVER) + 1);
    raiseFlag(FLAG_LOG_OVERWROTE);
  } else {
    store<u32>(<usize>S_COUNT, count + 1);
  }
  const r = slotAddr(seq);
  store<u32>(<usize>(r + LogRecord_seq), seq);
  store<u16>(<usize>(r + LogRecord_type), <u16>type);
  store<u16>(<usize>(r + LogRecord_flags), <u16>(flags & 0xffff));
  store<f64>(<usize>(r + LogRecord_t_s), t_s);
  store<f32>(<usize>(r + LogRecord_a), a);
  store<f32>(<usize>(r + LogRecord_b), b);
  store<f32>(<usize>(r + LogRecord_c), c);
  store<u32>(<usize>(r + LogRecord_crc32), crc32(r, LogRecord_crc32));
  store<u32>(<usize>S_NEXT, seq + 1);
  return seq;
}

/** Address of record `seq`, or 0 when it is not (or no longer) held. */
export function logRecordAddr(seq: u32): u32 {
  const next = load<u32>(<usize>S_NEXT);
  const count = load<u32>(<usize>S_COUNT);
  if (seq >= next || seq < next - count || seq == 0) return 0;
  return slotAddr(seq);
}
