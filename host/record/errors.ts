/**
 * Typed errors of the record layer. Every refusal of hostile or broken input is one of these, with a
 * `code` naming the class of problem and a message naming where (byte offset or path) and what.
 */
export type RecordErrorCode =
  | 'too-large' // input above the size limit
  | 'too-deep' // nesting above the depth limit
  | 'too-many-items' // more data items than the item limit
  | 'truncated' // the input ends inside a data item
  | 'trailing-bytes' // bytes after the single top-level item
  | 'malformed' // not well-formed CBOR (reserved additional info, bad break, ...)
  | 'not-allowed' // well-formed CBOR outside the profile (tags, indefinite lengths, undefined, ...)
  | 'duplicate-key' // a map repeats a key
  | 'bad-utf8' // a text string is not valid UTF-8
  | 'int-out-of-range' // an integer beyond 2^53
  | 'schema' // the item does not match the CDDL schema
  | 'content' // matches the schema but a value is impossible (bad date, unknown chemistry, ...)
  | 'bad-json' // the JSON form cannot be parsed
  | 'signature' // the COSE envelope or its signature is wrong
  | 'key' // a key file cannot be read or is not Ed25519
  | 'different-battery' // a merge of records of two serial numbers
  | 'identity' // the identity config is wrong
  | 'io'; // a file cannot be read or written

export class RecordError extends Error {
  constructor(
    message: string,
    readonly code: RecordErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RecordError';
  }
}
