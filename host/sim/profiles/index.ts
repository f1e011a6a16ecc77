/** Profile factory by name (the CLI's --profile). */
import { SimError } from '../errors.ts';
import { CcCvProfile, CcCycleProfile, RestProfile } from './basic.ts';
import type { Profile } from './command.ts';
import { DriveProfile, readDriveTrace } from './drive.ts';
import { PartialCyclesProfile } from './partial.ts';
import { StorageProfile } from './storage.ts';

export const PROFILE_NAMES = ['partial', 'storage', 'drive', 'cc', 'cccv', 'rest'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export interface ProfileOptions {
  /** C-rate of the cc profile's discharge (default 0.5) and of cc/cccv charges. */
  cRate?: number;
  /** The drive trace file (drive profile). */
  driveFile?: string;
}

export function makeProfile(name: string, opts: ProfileOptions = {}): Profile {
  switch (name) {
    case 'partial': return new PartialCyclesProfile();
    case 'storage': return new StorageProfile();
    case 'cc': return new CcCycleProfile(opts.cRate ?? 0.5, opts.cRate ?? 0.5);
    case 'cccv': return new CcCvProfile(opts.cRate ?? 0.5);
    case 'rest': return new RestProfile();
    case 'drive':
      if (!opts.driveFile) throw new SimError('the drive profile needs a trace file (--drive-file)', 'bad-config');
      return new DriveProfile(readDriveTrace(opts.driveFile));
    default:
      throw new SimError(`unknown profile '${name}' (one of ${PROFILE_NAMES.join(', ')})`, 'bad-config');
  }
}
