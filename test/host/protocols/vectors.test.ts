/**
 * The shared protocol vectors (the bms-edge protocol vectors v1, copied verbatim into
 * test/host/protocols/vectors.json so the project stands alone): every one decodes to exactly its
 * `decoded` object — same keys, same values, compared with deep equality, no tolerance.
 */
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeInput, DECODE_PROTOCOLS, type DecodeProtocol } from '../../../host/protocols/decode-input.ts';
import { detectVariant, JK300_VARIANTS, type Jk300Variant } from '../../../host/protocols/jk300.ts';
import { PylonCanDecoder } from '../../../host/protocols/pylon-can.ts';
import { fromHex } from '../../../host/framing/hex.ts';

interface Vector {
  id: string; protocol: string; kind: string; hex?: string; line?: string; chunks?: string[];
  layout?: string; cell_count?: number; decoded: Record<string, unknown>;
}
const file = JSON.parse(readFileSync(new URL('./vectors.json', import.meta.url), 'utf8')) as { vectors: Vector[] };
const pylon = PylonCanDecoder.load();

function decodeVector(v: Vector): unknown {
  const variant = (JK300_VARIANTS as readonly string[]).includes(v.layout ?? '') ? (v.layout as Jk300Variant) : undefined;
  const input = v.hex ?? v.line ?? (v.chunks ?? []).join('');
  const stream = v.kind === 'stream' || v.kind === 'chunks' || v.kind === 'partial';
  return decodeInput(v.protocol as DecodeProtocol, input, { stream, variant, cells: v.cell_count, pylon }).json;
}

test('every shared vector (all 55, all protocols) decodes to exactly its decoded values', () => {
  assert.is(file.vectors.length, 55);
  const failures: string[] = [];
  for (const v of file.vectors) {
    if (!(DECODE_PROTOCOLS as readonly string[]).includes(v.protocol)) {
      failures.push(`${v.id}: no decoder for protocol ${v.protocol}`);
      continue;
    }
    try {
      assert.equal(decodeVector(v), v.decoded);
    } catch (err) {
      failures.push(`${v.id}: ${(err as Error).message.split('\n').slice(0, 6).join(' ')}`);
    }
  }
  assert.equal(failures, []);
});

test('JK 300-byte auto layout detection picks the layout each cell-info vector states', () => {
  const cellInfo = file.vectors.filter((v) => v.protocol === 'jk300' && (JK300_VARIANTS as readonly string[]).includes(v.layout ?? ''));
  assert.ok(cellInfo.length >= 3);
  for (const v of cellInfo) assert.is(detectVariant(fromHex(v.hex!)), v.layout, v.id);
});

test('decoding without --variant (auto) gives the same values as with the stated layout', () => {
  for (const v of file.vectors.filter((x) => x.protocol === 'jk300' && x.kind === 'frame')) {
    assert.equal(decodeInput('jk300', v.hex!, {}).json, v.decoded, v.id);
  }
});

test.run();
