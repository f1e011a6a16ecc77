/**
 * Reading inputs and writing outputs for the CLI: every file-system failure (a directory where a file
 * is expected, a missing file or folder, no permission, a full disk) becomes a one-line CliError with
 * exit 3 naming the path, never an internal error. Outputs are written whole or not at all
 * (temporary file, then rename), so a failed run never leaves a half-written file behind.
 */
import { readFileSync, writeFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError, Exit } from './exit-codes.ts';

/** A Node system error's reason in words ("is a directory"), else its message. */
export function ioReason(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  switch (code) {
    case 'ENOENT': return 'no such file or folder';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EROFS': return 'read-only file system';
    case 'ENOSPC': return 'no space left on the device';
    default: return (err as Error).message ?? String(err);
  }
}

/** True for the errors node:fs throws (they carry a syscall and a string code). */
export function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && typeof (err as NodeJS.ErrnoException).syscall === 'string';
}

/** The bytes of `path`; `what` names it in the message ("parameter block"). Empty files are refused when `nonEmpty`. */
export function readInputFile(path: string, what: string, opts: { nonEmpty?: boolean } = {}): Buffer {
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    bytes = readFileSync(path);
  } catch (err) {
    throw new CliError(`cannot read ${what} ${path}: ${ioReason(err)}`, Exit.BAD_INPUT, { cause: err });
  }
  if (opts.nonEmpty && bytes.length === 0) throw new CliError(`${what} ${path} is empty`, Exit.BAD_INPUT);
  return bytes;
}

/** Writes every [path, bytes] pair or none: each goes to a temporary file first, then all are renamed. */
export function writeOutputFiles(files: readonly (readonly [string, Uint8Array])[]): void {
  const tmps: string[] = [];
  let current = files[0]?.[0] ?? '';
  try {
    for (const [path, bytes] of files) {
      current = path;
      const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
      writeFileSync(tmp, bytes);
      tmps.push(tmp);
    }
    files.forEach(([path], i) => {
      current = path;
      renameSync(tmps[i]!, path);
    });
  } catch (err) {
    for (const t of tmps) rmSync(t, { force: true });
    throw new CliError(`cannot write ${current}: ${ioReason(err)}`, Exit.BAD_INPUT, { cause: err });
  }
}
