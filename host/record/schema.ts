/** The record's CDDL schema (record/bms-record.cddl), parsed once, and validation against it. */
import { readFileSync } from 'node:fs';
import { packagePath } from '../package-root.ts';
import { parseCddl, Validator } from './cddl.ts';
import type { Item } from './cbor-scan.ts';
import { RecordError } from './errors.ts';

export const CDDL_PATH = packagePath('record/bms-record.cddl');

let validator: Validator | undefined;

export function recordValidator(): Validator {
  if (!validator) {
    const { rules, root } = parseCddl(readFileSync(CDDL_PATH, 'utf8'));
    validator = new Validator(rules, root);
  }
  return validator;
}

/** Throws a RecordError('schema') naming the path and the mismatch when `item` is not a bms-record. */
export function assertRecordSchema(item: Item): void {
  const m = recordValidator().validate(item);
  if (m) throw new RecordError(`not a bms-record: at ${m.path}: ${m.message}`, 'schema');
}
