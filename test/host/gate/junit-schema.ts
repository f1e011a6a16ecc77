/**
 * Structural check of a JUnit XML document against the common JUnit schema (Jenkins' junit-10.xsd,
 * the shape GitHub, GitLab and Jenkins readers accept), attribute sets exactly as that schema has them:
 *
 * - root <testsuites> (attributes name, time, tests, failures, disabled, errors) holding only
 *   <testsuite>; or a single <testsuite> root;
 * - <testsuite> requires name and tests; optional failures, errors, time, disabled, skipped, timestamp,
 *   hostname, id, package; children in order: <properties>?, <testcase>*, <system-out>?, <system-err>?;
 * - <properties> holds only <property name value>;
 * - <testcase> requires name and (stricter than the schema, as most CI readers want) classname;
 *   optional assertions, time, status; children: at most one of <skipped>,
 *   <error>, <failure>, then <system-out>?, <system-err>?;
 * - <failure> and <error> require message and type; text is the detail;
 * - integer counts >= 0, time a decimal >= 0, timestamp ISO 8601 without zone (xs:dateTime pattern);
 * - counts consistent: a suite's tests / failures / errors / skipped equal its test cases with those
 *   outcomes; the root's counts equal the sums over its suites.
 * Returns the list of violations (empty = valid).
 */
import { parseXml, type XmlElement } from '../../../host/gate/xml.ts';

const SUITES_ATTRS = new Set(['name', 'time', 'tests', 'failures', 'disabled', 'errors']);
const SUITE_ATTRS = new Set(['name', 'tests', 'failures', 'errors', 'time', 'disabled', 'skipped', 'timestamp', 'hostname', 'id', 'package']);
const CASE_ATTRS = new Set(['name', 'assertions', 'time', 'classname', 'status']);
const INT = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

export function validateJUnit(xml: string): string[] {
  const problems: string[] = [];
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    return [`not well-formed XML: ${(err as Error).message}`];
  }
  const attrsOf = (el: XmlElement, allowed: Set<string>, required: string[], where: string): void => {
    for (const a of Object.keys(el.attrs)) if (!allowed.has(a)) problems.push(`${where}: attribute '${a}' is not in the schema`);
    for (const r of required) if (el.attrs[r] === undefined) problems.push(`${where}: required attribute '${r}' missing`);
    for (const k of ['tests', 'failures', 'errors', 'skipped', 'disabled']) if (el.attrs[k] !== undefined && !INT.test(el.attrs[k]!)) problems.push(`${where}: ${k}="${el.attrs[k]}" is not a non-negative integer`);
    if (el.attrs.time !== undefined && !DECIMAL.test(el.attrs.time)) problems.push(`${where}: time="${el.attrs.time}" is not a non-negative decimal`);
    if (el.attrs.timestamp !== undefined && !TIMESTAMP.test(el.attrs.timestamp)) problems.push(`${where}: timestamp="${el.attrs.timestamp}" is not ISO 8601 without a zone`);
  };
  const checkCounts = (el: XmlElement, c: Counts, where: string): void => {
    for (const k of ['tests', 'failures', 'errors', 'skipped'] as const) {
      const v = el.attrs[k];
      if (v === undefined) continue;
      if (Number(v) !== c[k]) problems.push(`${where}: ${k}="${v}" but ${c[k]} found`);
    }
  };
  const suite = (s: XmlElement, where: string): Counts => {
    attrsOf(s, SUITE_ATTRS, ['name', 'tests'], where);
    const c: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    const order = ['properties', 'testcase', 'system-out', 'system-err'];
    let last = -1;
    let seenProps = false;
    for (const ch of s.children) {
      const rank = order.indexOf(ch.name);
      if (rank < 0) {
        problems.push(`${where}: <${ch.name}> is not allowed in <testsuite>`);
        continue;
      }
      if (rank < last) problems.push(`${where}: <${ch.name}> out of order (properties, testcase*, system-out, system-err)`);
      last = Math.max(last, rank);
      if (ch.name === 'properties') {
        if (seenProps) problems.push(`${where}: more than one <properties>`);
        seenProps = true;
        for (const p of ch.children) {
          if (p.name !== 'property') problems.push(`${where}/properties: <${p.name}> is not a <property>`);
          else attrsOf(p, new Set(['name', 'value']), ['name', 'value'], `${where}/property`);
        }
      }
      if (ch.name !== 'testcase') continue;
      const cw = `${where}/testcase[name=${ch.attrs.name ?? '?'}]`;
      attrsOf(ch, CASE_ATTRS, ['name', 'classname'], cw);
      c.tests++;
      const outcomes = ch.children.filter((x) => ['skipped', 'error', 'failure'].includes(x.name));
      if (outcomes.length > 1) problems.push(`${cw}: more than one of skipped/error/failure`);
      for (const x of ch.children) {
        if (!['skipped', 'error', 'failure', 'system-out', 'system-err'].includes(x.name)) problems.push(`${cw}: <${x.name}> is not allowed in <testcase>`);
        if (x.name === 'failure' || x.name === 'error') attrsOf(x, new Set(['message', 'type']), ['message', 'type'], `${cw}/${x.name}`);
        if (x.name === 'skipped') attrsOf(x, new Set(['message']), [], `${cw}/skipped`);
      }
      const first = outcomes[0]?.name;
      if (first === 'failure') c.failures++;
      else if (first === 'error') c.errors++;
      else if (first === 'skipped') c.skipped++;
    }
    checkCounts(s, c, where);
    return c;
  };
  if (root.name === 'testsuite') {
    suite(root, 'testsuite');
  } else if (root.name === 'testsuites') {
    attrsOf(root, SUITES_ATTRS, [], 'testsuites');
    const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    root.children.forEach((s, k) => {
      if (s.name !== 'testsuite') {
        problems.push(`testsuites: <${s.name}> is not a <testsuite>`);
        return;
      }
      const c = suite(s, `testsuite[${k}]`);
      for (const key of Object.keys(total) as (keyof Counts)[]) total[key] += c[key];
    });
    checkCounts(root, total, 'testsuites');
  } else {
    problems.push(`root element is <${root.name}>, expected <testsuites> or <testsuite>`);
  }
  return problems;
}
