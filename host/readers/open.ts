/** Opens a recording of any supported format from a path. */
import { existsSync, statSync } from 'node:fs';
import { isNasaFolder, readNasa } from './nasa.ts';
import { readGenericCsv } from './generic-csv.ts';
import { RecordingError, type Recording } from './recording.ts';

export function openRecording(path: string): Recording {
  if (!existsSync(path)) throw new RecordingError(`${path}: no such file or folder`, 'not-found');
  if (statSync(path).isDirectory()) {
    if (isNasaFolder(path)) return readNasa(path);
    throw new RecordingError(`${path}: a folder, but not a NASA cell folder (life.csv.gz + cycles.csv)`, 'unknown-format');
  }
  if (/\.csv$/i.test(path)) return readGenericCsv(path);
  throw new RecordingError(`${path}: unknown recording format (expected a NASA cell folder or a .csv file)`, 'unknown-format');
}
