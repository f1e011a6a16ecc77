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
  /** Multiplexing: 'multiplexor' (M), a switch value (mN), or none. */
  multiplex?: { kind: 'multiplexor' } | { kind: 'multiplexed'; value: number };
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
  /** Keyed by `messageKey(id, extended)`. */
  messages: Map<string, DbcMessage>;
  /** BA_DEF_DEF_ defaults by attribute name. */
  attribute_defaults: Map<string, string | number>;
  value_tables: Map<string, Map<number, string>>;
  comment?: string;
}

export const messageKey = (id: number, extended: boolean): string => `${extended ? 'x' : 's'}${id}`;
