/** Access to the copied shared vectors for the protocol tests. */
import { readFileSync } from 'node:fs';

export interface Vector {
  id: string; protocol: string; kind: string; hex?: string; line?: string; layout?: string; cell_count?: number;
  decoded: Record<string, unknown>;
}
export const VECTORS = (JSON.parse(readFileSync(new URL('./vectors.json', import.meta.url), 'utf8')) as { vectors: Vector[] }).vectors;
export const vector = (id: string): Vector => {
  const v = VECTORS.find((x) => x.id === id);
  if (!v) throw new Error(`no vector ${id}`);
  return v;
};
export const bytesOf = (id: string): Uint8Array => new Uint8Array(Buffer.from(vector(id).hex!, 'hex'));
