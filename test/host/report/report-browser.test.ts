// The report in a real browser: Debian's headless Chromium (playwright-core, executablePath) opens
// the self-contained HTML for B0005 with every network request blocked and recorded; every chart
// must be drawn with data (data-points > 0 and ink on its canvas), no console error or page error,
// no request leaving the file. A full-page screenshot goes to test-output/report/.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { run } from '../../../host/cli/commands/report.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const OUT = join(ROOT, 'test-output/report');
const B0005 = new URL('../../../fixtures/nasa-pcoe-battery/B0005', import.meta.url).pathname;
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CHARTS = ['chart-capacity', 'chart-resistance', 'chart-temperature', 'chart-dod', 'chart-events', 'chart-projection-0', 'chart-projection-1'];

let browser: Browser | undefined;

test.after(async () => {
  await browser?.close();
});

test('B0005 report: every chart drawn with data in headless Chromium, no console errors, no network', async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} missing: apt-get install -y chromium`);
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, 'report-B0005.html');
  const orig = console.log;
  console.log = () => {};
  try {
    assert.is(await run([B0005, '-o', file]), 0);
  } finally {
    console.log = orig;
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  const external: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    external.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('body[data-charts]', { timeout: 10_000 });
  for (const id of CHARTS) {
    const info = await page.evaluate((chartId) => {
      const el = document.getElementById(chartId)!;
      const canvas = el.querySelector('canvas');
      if (!canvas) return { points: Number(el.getAttribute('data-points') ?? 0), ink: 0, w: 0 };
      const ctx = canvas.getContext('2d')!;
      const img = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let ink = 0;
      for (let i = 3; i < img.length; i += 4) if (img[i]! > 0) ink++;
      return { points: Number(el.getAttribute('data-points') ?? 0), ink, w: canvas.width };
    }, id);
    assert.ok(info.w > 0, `${id}: canvas drawn`);
    assert.ok(info.points > 0, `${id}: data points plotted (${info.points})`);
    assert.ok(info.ink > 500, `${id}: ink on the canvas (${info.ink} pixels)`);
  }
  // Tick labels: the boxes uPlot drew on each axis (data-ticks, CSS px) never overlap.
  for (const id of CHARTS) {
    const axes = JSON.parse((await page.getAttribute(`#${id}`, 'data-ticks')) ?? '[]') as { axis: number; boxes: { text: string; a: number; b: number }[] }[];
    assert.ok(axes.length >= 2, `${id}: tick boxes reported`);
    for (const ax of axes) {
      const boxes = ax.boxes.slice().sort((x, y) => x.a - y.a);
      for (let i = 1; i < boxes.length; i++) {
        assert.ok(boxes[i]!.a >= boxes[i - 1]!.b - 0.5, `${id} axis ${ax.axis}: '${boxes[i - 1]!.text}' and '${boxes[i]!.text}' overlap (${boxes[i - 1]!.b.toFixed(1)} > ${boxes[i]!.a.toFixed(1)})`);
      }
    }
  }
  // Static legends: no legend shows a value that would need a hover (uPlot's live legend cells).
  const liveValues = await page.$$eval('.u-legend .u-value', (els) => els.filter((e) => (e.textContent ?? '').trim() !== '').length);
  assert.is(liveValues, 0, 'no hover values in the legends');
  // The device's view by default: the lab's EIS series is not drawn, the core's DC R25 is, labelled.
  assert.match((await page.textContent('#view')) ?? '', /device's own view/);
  assert.match((await page.textContent('#resistance-note')) ?? '', /DC R25/);
  const grade = await page.textContent('#grade h2');
  assert.match(grade ?? '', /Grade: (grid-storage|light-duty|recycle)/);
  assert.ok(((await page.$$('#deciding li')).length) >= 1, 'deciding reasons listed');
  const shot = join(OUT, 'report-B0005.png');
  await page.screenshot({ path: shot, fullPage: true });
  assert.ok(statSync(shot).size > 20_000, 'screenshot written');
  assert.equal(errors, [], 'no console errors');
  assert.equal(external, [], 'no network requests');
});

test('B0005 report --lab-truth: lab and device series side by side, EIS Re + Rct and DC R25 labelled as different quantities', async () => {
  const file = join(OUT, 'report-B0005-lab.html');
  const orig = console.log;
  console.log = () => {};
  try {
    assert.is(await run([B0005, '--lab-truth', '-o', file]), 0);
  } finally {
    console.log = orig;
  }
  browser ??= await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('body[data-charts]', { timeout: 10_000 });
  const legend = (await page.textContent('#chart-resistance .u-legend')) ?? '';
  assert.match(legend, /lab: EIS Re \+ Rct/);
  assert.match(legend, /device: core DC R25/);
  assert.match((await page.textContent('#resistance-note')) ?? '', /different quantities/);
  assert.match((await page.textContent('#chart-capacity .u-legend')) ?? '', /lab: measured capacity/);
  assert.match((await page.textContent('#view')) ?? '', /lab's measurements/);
});

test.run();
