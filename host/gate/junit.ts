/**
 * JUnit XML for CI systems (the common Jenkins/Ant "junit-10" shape most CI servers read):
 *
 *   <testsuites name tests failures errors time>
 *     <testsuite name tests failures errors skipped time timestamp>
 *       <properties><property name value/>...</properties>
 *       <testcase name classname time>[<failure message type>diff</failure> | <error ...>...</error>]</testcase>
 *     </testsuite>
 *   </testsuites>
 *
 * One test case per recording; a regression is a <failure> whose text is the readable diff; a recording
 * that could not be replayed is an <error>. Counts on both container elements always equal the cases.
 * Times are seconds with millisecond resolution.
 */

export interface JUnitCase {
  name: string;
  classname: string;
  time_s: number;
  failure?: { message: string; type: string; body: string };
  error?: { message: string; type: string; body: string };
  skipped?: string;
}

export interface JUnitSuite {
  name: string;
  /** ISO 8601 without time zone (the schema's xs:dateTime pattern), e.g. 2026-11-29T05:00:00. */
  timestamp: string;
  properties: Record<string, string>;
  cases: JUnitCase[];
}

/** Escapes text and attribute values; drops characters XML 1.0 cannot carry. */
export function xmlEscape(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const attrs = (a: Record<string, string | number>): string =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');

const secs = (s: number): string => (Number.isFinite(s) && s > 0 ? s.toFixed(3) : '0.000');

export function junitXml(suite: JUnitSuite): string {
  const failures = suite.cases.filter((c) => c.failure).length;
  const errors = suite.cases.filter((c) => c.error && !c.failure).length;
  const skipped = suite.cases.filter((c) => c.skipped !== undefined && !c.failure && !c.error).length;
  const time = suite.cases.reduce((s, c) => s + (Number.isFinite(c.time_s) ? c.time_s : 0), 0);
  const counts = { tests: suite.cases.length, failures, errors, skipped, time: secs(time) };
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const { skipped: _skipped, ...rootCounts } = counts; // junit-10 has no 'skipped' on <testsuites>
  out.push(`<testsuites${attrs({ name: suite.name, ...rootCounts })}>`);
  out.push(`  <testsuite${attrs({ name: suite.name, ...counts, timestamp: suite.timestamp })}>`);
  const props = Object.entries(suite.properties);
  if (props.length) {
    out.push('    <properties>');
    for (const [k, v] of props) out.push(`      <property${attrs({ name: k, value: v })}/>`);
    out.push('    </properties>');
  }
  for (const c of suite.cases) {
    const head = `    <testcase${attrs({ name: c.name, classname: c.classname, time: secs(c.time_s) })}`;
    if (c.failure) out.push(`${head}>`, `      <failure${attrs({ message: c.failure.message, type: c.failure.type })}>${xmlEscape(c.failure.body)}</failure>`, '    </testcase>');
    else if (c.error) out.push(`${head}>`, `      <error${attrs({ message: c.error.message, type: c.error.type })}>${xmlEscape(c.error.body)}</error>`, '    </testcase>');
    else if (c.skipped !== undefined) out.push(`${head}>`, `      <skipped${attrs({ message: c.skipped })}/>`, '    </testcase>');
    else out.push(`${head}/>`);
  }
  out.push('  </testsuite>', '</testsuites>');
  return out.join('\n') + '\n';
}
