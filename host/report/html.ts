/**
 * Renders the second-life report as one self-contained HTML file: uPlot and its CSS inlined, the
 * data embedded as JSON, no external request of any kind (no fonts, images or scripts by URL).
 */
import { uplotAsset } from './assets.ts';
import { CLIENT_JS } from './client.ts';
import type { ReportData } from './data.ts';
import type { ThresholdResult } from '../twin/project.ts';

const esc = (s: string): string => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
/** JSON safe inside <script>: no '<' can close the element. */
const scriptJson = (x: unknown): string => JSON.stringify(x).replace(/</g, '\\u003c');

const fmt = (x: number | null, d = 1): string => (x === null ? 'beyond horizon' : x.toFixed(d));

function thresholdRows(ts: ThresholdResult[]): string {
  return ts
    .map((t) =>
      t.from === 'history'
        ? `<tr><td>${Math.round(t.soh * 100)} %</td><td colspan="3">already below in the history, at cycle ${t.cycle}</td></tr>`
        : `<tr><td>${Math.round(t.soh * 100)} %</td><td>${fmt(t.years, 2)}</td><td>${fmt(t.efc, 0)}</td><td>${fmt(t.cycle, 0)}${t.cycle_band ? ` (${fmt(t.cycle_band[0], 0)}..${fmt(t.cycle_band[1], 0)})` : ''}</td></tr>`,
    )
    .join('');
}

function gradeBlock(d: ReportData): string {
  const g = d.grade;
  const rows = g.reasons
    .map((r) => `<tr class="${r.outcome}"><td>${esc(r.outcome)}</td><td>${esc(r.rule)}</td><td>${esc(r.text)}</td><td class="src">${esc(r.source)}</td></tr>`)
    .join('');
  return `<section id="grade"><h2>Grade: <span class="grade ${esc(g.grade)}">${esc(g.grade)}</span>${g.provisional ? ' <span class="prov">(provisional)</span>' : ''}</h2>
<p>SOH ${g.soh === null ? 'unknown' : (g.soh * 100).toFixed(1) + ' %'}, R/R<sub>BOL</sub> ${g.resistance_ratio === null ? 'unknown' : g.resistance_ratio.toFixed(2)};
band from SOH and resistance alone: <b>${esc(g.soh_resistance_band ?? 'unknown')}</b>.</p>
<h3>Deciding reasons</h3><ul id="deciding">${g.deciding.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>
<details><summary>Every rule (${g.reasons.length})</summary><table class="rules"><tr><th>outcome</th><th>rule</th><th>value</th><th>source</th></tr>${rows}</table></details></section>`;
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:16px 24px;color:#222;max-width:1400px}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.4em}.grid2{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.chart{min-height:200px;border:1px solid #ddd;padding:4px}table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}
.grade{padding:2px 8px;border-radius:4px;color:#fff}.grade.grid-storage{background:#2a7}.grade.light-duty{background:#d90}.grade.recycle{background:#c33}
.prov{color:#c60}.fail td{background:#fee}.not-assessed td{color:#888}.src{font-size:.8em;color:#666}.note{color:#555;font-size:.9em}.warn{color:#a60;font-size:.85em;margin:2px 0}`;

export function renderReportHtml(d: ReportData): string {
  const u = uplotAsset();
  const projectionTable = (p: NonNullable<ReportData['projections']>[0], k: 0 | 1) =>
    `<table><tr><th>SOH</th><th>years</th><th>EFC</th><th>discharge (band)</th></tr>${thresholdRows(p.thresholds)}</table>` +
    d.warnings[k].map((w) => `<p class="warn">warning: ${esc(w)}</p>`).join('');
  const projections = d.projections
    ? `<div class="grid2"><div><div id="chart-projection-0" class="chart"></div>${projectionTable(d.projections[0], 0)}</div>
<div><div id="chart-projection-1" class="chart"></div>${projectionTable(d.projections[1], 1)}</div></div>`
    : `<p id="no-projection" class="note">${esc(d.projectionNote ?? 'no projection')}</p>`;
  const view =
    d.view === 'lab-truth'
      ? "Grade and twin rest on the <b>lab's measurements</b> (--lab-truth: NASA's measured capacities and EIS resistances); the device's own estimates are shown beside them, each labelled."
      : "Grade and twin rest on the <b>device's own view</b>: the core's estimates and log, what a device in the field knows. The lab's measurements are shown only with --lab-truth.";
  const resistanceNote =
    d.view === 'lab-truth'
      ? "Two different quantities: the lab's EIS Re + Rct (AC impedance fit, at the chamber temperature) and the core's DC R25 (dV/dI of current steps, normalised to 25 °C); they are not expected to agree."
      : "The core's DC R25: dV/dI of current steps, normalised to 25 °C.";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(d.title)}</title>
<style>${u.css}</style><style>${STYLE}</style></head>
<body>
<h1>${esc(d.title)}</h1>
<p class="note">Source: ${esc(d.source)} (${esc(d.chemistry)}, rated ${d.ratedCapacity_Ah} Ah), from ${esc(d.generatedFrom)}. Twin: ${esc(d.twinSummary)}.
Charts drawn with uPlot ${esc(u.version)} (MIT), bundled in this file.</p>
<p id="view" class="note">${view}</p>
${gradeBlock(d)}
<h2>History</h2>
<div class="grid2"><div id="chart-capacity" class="chart"></div><div><div id="chart-resistance" class="chart"></div><p id="resistance-note" class="note">${esc(resistanceNote)}</p></div></div>
<div class="grid2"><div id="chart-temperature" class="chart">${d.temperature ? '' : 'no samples: temperature histogram not available'}</div>
<div id="chart-dod" class="chart">${d.dod ? '' : 'no samples: DoD histogram not available'}</div></div>
<div id="chart-events" class="chart">${d.events.length ? '' : 'no events recorded'}</div>
<h2>Projections (side by side)</h2>
${projections}
<p class="note">Years and EFC count from the end of the history. Bands: the parameter sets inside the twin's 95 % fit region, the scatter of the capacity about its trend (rest recoveries included) and, for the recorded usage, its throughput per cycle; BLAST-Lite models are qualitative beyond their test range (NREL README).</p>
<script id="report-data" type="application/json">${scriptJson(d)}</script>
<script>${u.js}</script>
<script>${CLIENT_JS}</script>
</body></html>
`;
}
