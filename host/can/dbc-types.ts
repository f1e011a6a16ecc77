/** The parsed form of a DBC file: what the DBC-driven decoder needs, nothing more. */

export interface DbcSignal {
  name: string;
  /** DBC start bit: Intel (little-endian) = LSB position; Motorola (big-endian) = MSB position, sawtooth numbering. */
  start_bit: number;
  length_bits: number;
  little_endian: boolean;
  signed: boolean;
  /** physical = raw × factor + offset. */
  factor: number;
  offset: number;
  /** factor and offset as written in the DBC, for decimal-exact scaling (0.1 → divide by 10). */
  factor_text: string;
  offset_text: string;
  min: number;
  max: number;
  unit: string;
  receivers: string[];
  /** 'float32' / 'float64' when SIG_VALTYPE_ says the raw bits are IEEE floats. */
  value_type: 'integer' | 'float32' | 'float64';
  /** Multiplexing: 'multiplexor' (M), a switch value (mN, or mNM: multiplexed and itself a multiplexor), or none. */
  multiplex?: { kind: 'multiplexor' } | { kind: 'multiplexed'; value: number };
  /** True for `M` and for extended multiplexing's `mNM` (a multiplexed signal that switches others). */
  is_multiplexor?: boolean;
  /**
   * Extended multiplexing (SG_MUL_VAL_): the switch signal's name and the raw value ranges
   * (inclusive) for which this signal is present. Without it a multiplexed signal belongs to the
   * message's one `M` signal with the range [value, value].
   */
  mux_switch?: { name: string; ranges: [number, number][] };
  /** VAL_ descriptions of raw values. */
  value_labels?: Map<number, string>;
  comment?: string;
  /** BA_ attribute values set on this signal. */
  attributes: Map<string, string | number>;
}

export interface DbcMessage {
  /** CAN id without the extended flag. */
  id: number;
  extended: boolean;
  name: string;
  /** DLC the DBC declares (frames may be shorter: signals beyond the received bytes are absent). */
  length_bytes: number;
  sender: string;
  signals: DbcSignal[];
  comment?: string;
  attributes: Map<string, string | number>;
}

export interface Dbc {
  version: string;
  /**
   * Signals of Vector's pseudo-message VECTOR__INDEPENDENT_SIG_MSG (id 0xC0000000): defined but sent
   * in no frame. Kept so that comments and attributes naming them resolve; never decoded.
   */
  independent_signals: DbcSignal[];
  /** Keyed by `messageKey(id, extended)`. */
  messages: Map<string, DbcMessage>;
  /** BA_DEF_DEF_ defaults by attribute name. */
  attribute_defaults: Map<string, string | number>;
  value_tables: Map<string, Map<number, string>>;
  comment?: string;
}

export const messageKey = (id: number, extended: boolean): string => `${extended ? 'x' : 's'}${id}`;
