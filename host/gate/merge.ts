/**
 * Joins the JUnit files of a sharded gate (`replay --check ... --shard k/n --junit shard-k.xml`, one
 * per CI job) into one result with the gate's exit rule:
 *   3 a recording could not be replayed (an <error> case),
 *   1 a regression (a 'regression', 'new' or 'missing' <failure>), or the files do not make one whole
 *     run: a part of n missing or given twice, parts of different n, a recording in two parts,
 *   0 otherwise.
 * A file that is not readable JUnit of the gate is a typed GateError ('bad-junit').
 */
import { readFileSync } from 'node:fs';
import { Exit } from '../cli/exit-codes.ts';
import { GateError } from './errors.ts';
import { junitXml, type JUnitCase } from './junit.ts';
import { parseXml, type XmlElement } from './xml.ts';

export type CaseStatus = 'pass' | 'fail' | 'new' | 'missing' | 'error';

export interface MergedCase {
  file: string;
  shard: string | null;
  status: CaseStatus;
  junit: JUnitCase;
}

export interface MergeResult {
  files: { path: string; shard: string | null; cases: number }[];
  cases: MergedCase[];
  counts: Record<CaseStatus, number>;
  /** Why the files are not one whole run (empty when they are). */
  problems: string[];
  exitCode: number;
}

const FAILURE_STATUS: Record<string, CaseStatus> = { regression: 'fail', new: 'new', missing: 'missing' };

function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

function readCase(el: XmlElement): { status: CaseStatus; junit: JUnitCase } {
  const junit: JUnitCase = { name: el.attrs.name ?? '', classname: el.attrs.classname ?? '', time_s: Number(el.attrs.time ?? 0) };
  const failure = children(el, 'failure')[0];
  const error = children(el, 'error')[0];
  if (error) {
    junit.error = { message: error.attrs.message ?? '', type: error.attrs.type ?? 'error', body: error.text };
    return { status: 'error', junit };
  }
  if (failure) {
    const type = failure.attrs.type ?? 'regression';
    junit.failure = { message: failure.attrs.message ?? '', type, body: failure.text };
    return { status: FAILURE_STATUS[type] ?? 'fail', junit };
  }
  return { status: 'pass', junit };
}

/** One shard's JUnit file: its part label (property 'shard') and its cases. */
export function readShardJunit(path: string): { shard: string | null; cases: { status: CaseStatus; junit: JUnitCase }[] } {
  let root: XmlElement;
  try {
    root = parseXml(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new GateError(`${path}: not readable JUnit XML (${(err as Error).message})`, 'bad-junit', { cause: err });
  }
  const suites = root.name === 'testsuites' ? children(root, 'testsuite') : root.name === 'testsuite' ? [root] : [];
  if (!suites.length) throw new GateError(`${path}: no <testsuite> (is this a JUnit file of 'bms-edge replay --junit'?)`, 'bad-junit');
  let shard: string | null = null;
  const cases: { status: CaseStatus; junit: JUnitCase }[] = [];
  for (const suite of suites) {
    for (const p of children(children(suite, 'properties')[0] ?? { name: '', attrs: {}, children: [], text: '' }, 'property')) {
      if (p.attrs.name === 'shard') shard = p.attrs.value ?? null;
    }
    for (const c of children(suite, 'testcase')) cases.push(readCase(c));
  }
  return { shard, cases };
}

/** Checks that the part labels make one whole run: 1/n..n/n, each once. */
function shardProblems(labels: (string | null)[]): string[] {
  const sharded = labels.filter((l): l is string => l !== null);
  if (!sharded.length) return []; // unsharded files (e.g. one per folder): nothing to complete
  if (sharded.length !== labels.length) return [`${labels.length - sharded.length} file(s) without a shard label mixed with sharded ones`];
  const parts = sharded.map((l) => (/^\d+\/\d+$/.test(l) ? (l.split('/').map(Number) as [number, number]) : ([0, 0] as [number, number])));
  if (parts.some(([k, n]) => !(k >= 1 && k <= n))) return [`malformed shard label(s): ${sharded.join(', ')}`];
  const totals = new Set(parts.map(([, n]) => n));
  if (totals.size > 1) return [`parts of different splits: ${[...totals].map((n) => `/${n}`).join(', ')}`];
  const n = parts[0]![1];
  const problems: string[] = [];
  for (let k = 1; k <= n; k++) {
    const seen = parts.filter(([i]) => i === k).length;
    if (seen === 0) problems.push(`shard ${k}/${n} not given`);
    if (seen > 1) problems.push(`shard ${k}/${n} given ${seen} times`);
  }
  return problems;
}

export function mergeShards(paths: string[]): MergeResult {
  const files: MergeResult['files'] = [];
  const cases: MergedCase[] = [];
  for (const path of paths) {
    const f = readShardJunit(path);
    files.push({ path, shard: f.shard, cases: f.cases.length });
    for (const c of f.cases) cases.push({ file: path, shard: f.shard, ...c });
  }
  const problems = shardProblems(files.map((f) => f.shard));
  const byName = new Map<string, string[]>();
  for (const c of cases) byName.set(c.junit.name, [...(byName.get(c.junit.name) ?? []), c.file]);
  for (const [name, where] of byName) if (where.length > 1) problems.push(`${name} reported by ${where.length} files (${where.join(', ')})`);
  const counts: Record<CaseStatus, number> = { pass: 0, fail: 0, new: 0, missing: 0, error: 0 };
  for (const c of cases) counts[c.status]++;
  const exitCode = counts.error ? Exit.BAD_INPUT : counts.fail + counts.new + counts.missing + problems.length ? Exit.CHECK_FAILED : Exit.OK;
  return { files, cases, counts, problems, exitCode };
}

/** The merged run as one JUnit file (one suite, cases in name order). */
export function mergedJunit(r: MergeResult, timestamp: string): string {
  const cases = [...r.cases].sort((a, b) => (a.junit.name < b.junit.name ? -1 : a.junit.name > b.junit.name ? 1 : 0)).map((c) => c.junit);
  const shards = r.files.map((f) => f.shard ?? f.path).join(',');
  return junitXml({ name: 'bms-edge replay gate', timestamp, properties: { merged_from: shards }, cases });
}

export function mergeText(r: MergeResult): string {
  const out: string[] = [];
  for (const f of r.files) out.push(`${f.shard ? `shard ${f.shard}` : 'unsharded'}  ${f.path}: ${f.cases} recording(s)`);
  for (const c of r.cases) {
    if (c.status === 'pass') continue;
    const detail = c.junit.failure ?? c.junit.error;
    out.push(`${c.status.toUpperCase().padEnd(8)} ${c.junit.name}: ${detail?.message ?? ''}`);
  }
  for (const p of r.problems) out.push(`INCOMPLETE ${p}`);
  const c = r.counts;
  const parts = [c.pass && `${c.pass} passed`, c.fail && `${c.fail} failed`, c.new && `${c.new} new`, c.missing && `${c.missing} missing`, c.error && `${c.error} errors`].filter(Boolean);
  out.push(`${r.cases.length} recording(s) from ${r.files.length} file(s): ${parts.join(', ') || 'none'}`);
  out.push(r.exitCode === 0 ? 'gate: PASS' : `gate: FAIL (exit ${r.exitCode})`);
  return out.join('\n');
}

export function mergeJson(r: MergeResult): object {
  return {
    ok: r.exitCode === 0,
    exit_code: r.exitCode,
    files: r.files,
    counts: r.counts,
    problems: r.problems,
    recordings: r.cases.map((c) => ({ key: c.junit.name, status: c.status, shard: c.shard, file: c.file, message: (c.junit.failure ?? c.junit.error)?.message ?? null })),
  };
}
