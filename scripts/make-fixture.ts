/**
 * Makes fixtures/<cell>/ from fixtures/nasa-pcoe-battery/<cell>: a further-thinned life.csv.gz
 * and a copy of cycles.csv, so `npm start` and the tests need nothing outside the repository.
 * Thinning (deterministic): keep the first and last sample of each test, every sample within
 * KEEP_BELOW_V of the discharge cutoff region, and otherwise a sample when it is >= MIN_DT_S after the
 * last kept one or the current moved >= 0.1 A or the voltage >= 0.05 V since then.
 * Usage: npx tsx scripts/make-fixture.ts B0005 [dataDir]
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const MIN_DT_S = 60;
const KEEP_BELOW_V = 3.0;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cell = process.argv[2] ?? 'B0005';
const src = join(process.argv[3] ?? join(root, 'fixtures/nasa-pcoe-battery'), cell);
const dst = join(root, 'fixtures', cell);
mkdirSync(dst, { recursive: true });

const lines = gunzipSync(readFileSync(join(src, 'life.csv.gz'))).toString('utf8').trim().split('\n');
const out = [lines[0]!];
let last: string[] | null = null;
for (let i = 1; i < lines.length; i++) {
  const c = lines[i]!.split(',');
  const next = lines[i + 1]?.split(',');
  const firstOfTest = !last || last[1] !== c[1];
  const lastOfTest = !next || next[1] !== c[1];
  const nearCutoff = c[2] === 'D' && Number(c[4]) < KEEP_BELOW_V;
  const moved = last !== null && (Number(c[0]) - Number(last[0]) >= MIN_DT_S || Math.abs(Number(c[5]) - Number(last[5])) >= 0.1 || Math.abs(Number(c[4]) - Number(last[4])) >= 0.05);
  if (firstOfTest || lastOfTest || nearCutoff || moved) {
    out.push(lines[i]!);
    last = c;
  }
}
writeFileSync(join(dst, 'life.csv.gz'), gzipSync(out.join('\n') + '\n', { level: 9 }));
copyFileSync(join(src, 'cycles.csv'), join(dst, 'cycles.csv'));
console.log(`${cell}: kept ${out.length - 1} of ${lines.length - 1} samples`);
