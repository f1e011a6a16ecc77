// The identity config: declared values are typed and checked; unknown or malformed names are refused.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parseIdentityConfig } from '../../../host/record/identity.ts';
import { RecordError } from '../../../host/record/errors.ts';

const refused = (text: string, pattern: RegExp) =>
  assert.throws(() => parseIdentityConfig(text), (e: unknown) => e instanceof RecordError && e.code === 'identity' && pattern.test(e.message));

test('the example config of record/ parses', () => {
  const c = parseIdentityConfig(readFileSync('record/identity.example.json', 'utf8'));
  assert.is(c.identity.serial_number, 'NASA-PCoE-B0005');
  assert.is(c.identity.rated_capacity_Ah, 2);
  assert.is(c.identity.battery_component, 'cell');
});

test('a misspelt, mistyped or malformed declaration is refused naming the field', () => {
  refused('{"serial_number":"a","rated_capacty_Ah":2}', /unknown field 'rated_capacty_Ah'/);
  refused('{"serial_number":"a","rated_capacity_Ah":"2"}', /rated_capacity_Ah must be number/);
  refused('{"serial_number":"a","manufacturing_date":"2024-13"}', /manufacturing_date must be YYYY-MM/);
  refused('{"serial_number":"a","battery_component":"stack"}', /battery_component/);
  refused('{"serial_number":"a","clock_epoch_utc":"yesterday"}', /clock_epoch_utc/);
  refused('{"rated_capacity_Ah":2}', /serial_number is required/);
  refused('[1]', /expected a JSON object/);
  refused('{', /not JSON/);
});

test.run();
