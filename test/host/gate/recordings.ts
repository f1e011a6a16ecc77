/** Small generic-CSV recordings for gate tests: one constant-current discharge, then rest. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Writes `<dir>/<name>` (parents created): 121 one-minute samples, `current_A` discharge for 99 min. */
export function writeCsvRecording(dir: string, name: string, current_A = 2): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  const rows = ['# chemistry=NMC rated_capacity_Ah=4', 't_s,voltage_V,current_A,temp_degC'];
  for (let k = 0; k <= 120; k++) rows.push(`${k * 60},${(4.1 - k * 0.005).toFixed(4)},${k < 100 ? current_A : 0},25`);
  writeFileSync(path, rows.join('\n') + '\n');
  return path;
}
