/** A classic or FD CAN frame as the line decoders (SLCAN, candump) produce it. */
export interface CanFrame {
  /** Identifier without flags: 11-bit (0..0x7FF) or 29-bit (0..0x1FFFFFFF). */
  id: number;
  extended: boolean;
  /** Remote transmission request: no data, `dlc` says how much was requested. */
  rtr: boolean;
  fd: boolean;
  /** candump error frame (CAN_ERR_FLAG 0x20000000 was set in the id); `id` is then 0, as python-can reports it. */
  error_frame: boolean;
  /** Error frames only: the error class bits of the id (CAN_ERR_FLAG removed), e.g. 0x80 bus error. */
  error_class?: number;
  /** Data length (bytes); for remote frames the requested length. */
  dlc: number;
  data: Uint8Array;
  /** Interface name from a candump line (`can0`). */
  iface?: string;
  /** candump timestamp, seconds (as written in the log). */
  timestamp_s?: number;
  /** SLCAN `Z1` adapter time, ms, 0..59999 (wraps at 60000). */
  timestamp_ms?: number;
}

/** CAN-FD DLC code (0..15) -> data bytes. */
export const FD_DLC_BYTES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20, 24, 32, 48, 64] as const;
