import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CoreSink, estimateSeriesCells } from '../../../../host/transport/session/core-sink.ts';
import type { Sample } from '../../../../host/transport/session/unit-state.ts';

const base: Sample = { time_ms: 1_700_000_000_000, address: 0, voltage_V: 52.28, current_A: -0.4, temp_degC: 22, tempAssumed: false };

test('series cells: the BMS count when reported, else pack voltage over the mid cell voltage, else over the nominal cell voltage', () => {
  assert.is(estimateSeriesCells({ ...base, cellCount: 16 }, 'LFP'), 16);
  assert.is(estimateSeriesCells({ ...base, cellMin_V: 3.26, cellMax_V: 3.28 }, 'NMC'), 16);
  assert.is(estimateSeriesCells(base, 'LFP'), 16);
  assert.is(estimateSeriesCells({ ...base, voltage_V: 0.5 }, 'NMC'), 1);
});

test('one core per unit address, fed in the core units, returning fractions and the flags of the sample', () => {
  const sink = new CoreSink({ chemistry: 'LFP', ratedCapacity_Ah: 100 });
  const a = sink.step(base);
  const b = sink.step({ ...base, address: 2, time_ms: base.time_ms + 1000, voltage_V: 26.1 });
  assert.is(a.seriesCells, 16);
  assert.is(b.seriesCells, 8, 'unit 2 has its own core, set up from its own first sample');
  for (const s of [a, b]) {
    assert.ok(s.soc >= 0 && s.soc <= 1 && Number.isFinite(s.soh), 'SOC is a fraction');
    assert.ok(s.flagNames.includes('ACCEPTED'), s.flagNames.join());
  }
});

test.run();
