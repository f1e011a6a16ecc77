// JUnit writer: its output passes the structural check of the common JUnit schema, counts match the
// cases, text is escaped; and the check itself rejects documents that break the schema.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { junitXml, type JUnitSuite } from '../../../host/gate/junit.ts';
import { validateJUnit } from './junit-schema.ts';
import { parseXml } from '../../../host/gate/xml.ts';

const suite = (): JUnitSuite => ({
  name: 'bms-edge replay gate',
  timestamp: '2026-11-29T05:00:00',
  properties: { core_version: '0.1.0', golden: 'golden <ci>.json' },
  cases: [
    { name: 'B0005', classname: 'bms-edge.replay', time_s: 0.512 },
    { name: 'B0006', classname: 'bms-edge.replay', time_s: 0.4, failure: { message: '2 value(s) moved: final.soc & cycles.soh', type: 'regression', body: 'final.soc  0.5 -> 0.6 "+20 %" <worst>' } },
    { name: 'bad.csv', classname: 'bms-edge.replay', time_s: 0.001, error: { message: "no column 'temp_degC'", type: 'RecordingError', body: 'bad.csv: cannot replay\u0001' } },
    { name: 'old', classname: 'bms-edge.replay', time_s: 0, failure: { message: 'in the golden file but not replayed', type: 'missing', body: 'old: missing' } },
  ],
});

test('the writer output is valid against the common JUnit schema, with consistent counts', () => {
  const xml = junitXml(suite());
  assert.equal(validateJUnit(xml), []);
  const root = parseXml(xml);
  assert.is(root.name, 'testsuites');
  assert.equal([root.attrs.tests, root.attrs.failures, root.attrs.errors], ['4', '2', '1']);
  assert.is(root.attrs.skipped, undefined); // not a <testsuites> attribute in junit-10
  const s = root.children[0]!;
  assert.is(s.children.filter((c) => c.name === 'testcase').length, 4);
  assert.is(s.attrs.time, '0.913'); // 0.512 + 0.4 + 0.001 + 0 s, millisecond resolution
});

test('failure text, messages and property values survive escaping byte for byte (control characters dropped)', () => {
  const root = parseXml(junitXml(suite()));
  const cases = root.children[0]!.children.filter((c) => c.name === 'testcase');
  const failure = cases[1]!.children[0]!;
  assert.is(failure.name, 'failure');
  assert.is(failure.attrs.message, '2 value(s) moved: final.soc & cycles.soh');
  assert.is(failure.text, 'final.soc  0.5 -> 0.6 "+20 %" <worst>');
  assert.is(cases[2]!.children[0]!.text, 'bad.csv: cannot replay');
  const props = root.children[0]!.children.find((c) => c.name === 'properties')!;
  assert.is(props.children.find((p) => p.attrs.name === 'golden')!.attrs.value, 'golden <ci>.json');
});

test('an empty run is still a valid document with zero tests', () => {
  const xml = junitXml({ ...suite(), cases: [] });
  assert.equal(validateJUnit(xml), []);
  assert.match(xml, /<testsuites[^>]* tests="0"/);
});

test('the schema check rejects wrong counts, missing required attributes, stray elements and bad XML', () => {
  const good = junitXml(suite());
  const cases: [string, string, RegExp][] = [
    ['suite count', good.replace('<testsuite name="bms-edge replay gate" tests="4"', '<testsuite name="bms-edge replay gate" tests="5"'), /tests="5" but 4 found/],
    ['root failures', good.replace('<testsuites name="bms-edge replay gate" tests="4" failures="2"', '<testsuites name="bms-edge replay gate" tests="4" failures="1"'), /testsuites: failures="1" but 2 found/],
    ['classname', good.replace(' classname="bms-edge.replay"', ''), /required attribute 'classname' missing/],
    ['failure type', good.replace(' type="regression"', ''), /required attribute 'type' missing/],
    ['stray element', good.replace('<testcase name="B0005"', '<case/><testcase name="B0005"'), /<case> is not allowed/],
    ['time', good.replace('time="0.512"', 'time="fast"'), /not a non-negative decimal/],
    ['timestamp', good.replace('2026-11-29T05:00:00', 'yesterday'), /timestamp/],
    ['unclosed', good.replace('</testsuites>', ''), /not well-formed/],
    ['bare ampersand', good.replace('final.soc &amp; cycles', 'final.soc & cycles'), /not well-formed/],
    ['attribute outside the schema', good.replace('<testsuites name=', '<testsuites skipped="0" name='), /attribute 'skipped' is not in the schema/],
  ];
  for (const [what, xml, expect] of cases) {
    const problems = validateJUnit(xml);
    assert.ok(problems.some((p) => expect.test(p)), `${what}: ${problems.join('; ') || 'accepted'}`);
  }
});

test.run();
