// Types of scripts/system-packages.mjs (plain JavaScript so that `npm test` runs it before any build).
export function systemPackages(): string[];
export function installLine(packages?: string[]): string;
export function missingPackages(packages?: string[]): string[];
export function notice(missing: string[]): string;
