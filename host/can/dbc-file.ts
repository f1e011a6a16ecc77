/**
 * Loading DBC files from disk (the only I/O in host/can), and the DBCs shipped in dbc.
 * Overlays: later files replace earlier messages with the same id (used for the 0x370/0x371
 * meaning, see dbc/victron-name-370.dbc).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../package-root.ts';
import { DbcError, parseDbc } from './dbc-parser.ts';
import type { Dbc } from './dbc-types.ts';

export const DBC_DIR = packagePath('dbc');
export const PYLONTECH_SMA_DBC = join(DBC_DIR, 'pylontech-sma.dbc');
export const VICTRON_NAME_370_DBC = join(DBC_DIR, 'victron-name-370.dbc');

export function loadDbcFile(path: string): Dbc {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new DbcError('io', `cannot read DBC file ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    const dbc = parseDbc(text);
    // an empty file parses, but decodes nothing: refuse it where it is named, not frame by frame
    if (dbc.messages.size === 0) throw new DbcError('semantic', 'no messages (BO_): not a usable DBC');
    return dbc;
  } catch (err) {
    if (err instanceof DbcError) throw new DbcError(err.code, `${path}: ${err.message}`, { cause: err });
    throw err;
  }
}

/** A new Dbc with `overlay`'s messages replacing `base`'s of the same id. */
export function mergeDbc(base: Dbc, overlay: Dbc): Dbc {
  const messages = new Map(base.messages);
  for (const [k, m] of overlay.messages) messages.set(k, m);
  const attribute_defaults = new Map([...base.attribute_defaults, ...overlay.attribute_defaults]);
  const value_tables = new Map([...base.value_tables, ...overlay.value_tables]);
  return { ...base, messages, attribute_defaults, value_tables };
}
