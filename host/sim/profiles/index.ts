/** Profile factory by name (the CLI's --profile), with reference capacity tests when asked for. */
import { SimError } from '../errors.ts';
import { CcCvProfile, CcCycleProfile, RestProfile } from './basic.ts';
import type { Profile } from './command.ts';
import { DriveProfile, readDriveTrace } from './drive.ts';
import { HomeStorageProfile } from './home-storage.ts';
import { PartialCyclesProfile } from './partial.ts';
import { RandomWalkProfile } from './random-walk.ts';
import { WithReferenceTests } from './reference.ts';
import { StorageProfile } from './storage.ts';
import { WindowProfile } from './window.ts';

export const PROFILE_NAMES = ['partial', 'window', 'random-walk', 'home-storage', 'storage', 'drive', 'cc', 'cccv', 'rest'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** Profiles that carry reference tests unless told otherwise (every this many days). */
export const REFERENCE_DAYS_DEFAULT: Partial<Record<ProfileName, number>> = { window: 14, 'random-walk': 7, 'home-storage': 14 };

export interface ProfileOptions {
  /** C-rate of the cc profile's discharge (default 0.5) and of cc/cccv charges. */
  cRate?: number;
  /** The drive trace file (drive profile). */
  driveFile?: string;
  /** SOC window of the window profile (default 0.2-0.8). */
  socWindow?: [number, number];
  /** Days between reference capacity tests; 0 = none (default: REFERENCE_DAYS_DEFAULT, else none). */
  referenceDays?: number;
  /** Discharge rate of the reference tests, C (default 0.2). */
  referenceRate_C?: number;
}

/** Parses '0.2-0.8' into [0.2, 0.8] (0 <= lo < hi <= 1, at least 0.1 apart). */
export function parseSocWindow(text: string): [number, number] {
  const m = /^\s*([0-9.]+)\s*-\s*([0-9.]+)\s*$/.exec(text);
  const lo = m ? Number(m[1]) : NaN, hi = m ? Number(m[2]) : NaN;
  if (!(lo >= 0 && hi <= 1 && hi - lo >= 0.1)) throw new SimError(`SOC window must be lo-hi with 0 <= lo, hi <= 1, hi - lo >= 0.1 (e.g. 0.2-0.8), got '${text}'`, 'bad-config');
  return [lo, hi];
}

function baseProfile(name: string, opts: ProfileOptions): Profile {
  switch (name) {
    case 'partial': return new PartialCyclesProfile();
    case 'window': return new WindowProfile(...(opts.socWindow ?? [0.2, 0.8]));
    case 'random-walk': return new RandomWalkProfile();
    case 'home-storage': return new HomeStorageProfile();
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

export function makeProfile(name: string, opts: ProfileOptions = {}): Profile {
  const profile = baseProfile(name, opts);
  const days = opts.referenceDays ?? REFERENCE_DAYS_DEFAULT[name as ProfileName] ?? 0;
  if (!(days >= 0)) throw new SimError(`reference test interval must be >= 0 days, got ${days}`, 'bad-config');
  const rate = opts.referenceRate_C ?? 0.2;
  if (!(rate > 0 && rate <= 3)) throw new SimError(`reference rate must be in (0, 3] C, got ${rate}`, 'bad-config');
  if (days === 0) return profile;
  const resume = opts.socWindow ? (opts.socWindow[0] + opts.socWindow[1]) / 2 : 0.5;
  return new WithReferenceTests(profile, days * 86400, rate, resume);
}
