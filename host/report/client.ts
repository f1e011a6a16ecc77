/**
 * The script that runs inside the report page: draws every chart with uPlot from the embedded
 * data. After drawing, each chart container gets data-points (finite values plotted) so a test or
 * a person can tell an empty chart from a drawn one. Plain ES2017, no backticks (it lives in a string).
 */
export const CLIENT_JS = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var drawn = [];
  var width = function (el) { return Math.max(320, Math.floor(el.getBoundingClientRect().width) - 8); };
  var finite = function (arr) { var n = 0; for (var i = 0; i < arr.length; i++) if (arr[i] !== null && isFinite(arr[i])) n++; return n; };
  var points = function (color) { return { label: '', stroke: color, fill: color, paths: function () { return null; }, points: { show: true, size: 6, stroke: color, fill: color } }; };
  var bars = function (label, color) { return { label: label, stroke: color, fill: color + '99', paths: uPlot.paths.bars({ size: [0.8, 60] }), points: { show: false } }; };
  function chart(id, opts, series) {
    var el = document.getElementById(id);
    var count = 0;
    for (var s = 1; s < series.length; s++) count += finite(series[s]);
    opts.width = width(el);
    opts.height = opts.height || 260;
    new uPlot(opts, series, el);
    el.setAttribute('data-points', String(count));
    drawn.push({ id: id, points: count });
  }
  function labelled(labels) { return function (u, splits) { return splits.map(function (i) { return labels[Math.round(i)] !== undefined && Math.abs(i - Math.round(i)) < 1e-9 ? labels[Math.round(i)] : ''; }); }; }

  var c = data.capacity;
  var meas = points('#1f77b4'); meas.label = 'measured capacity (Ah)';
  chart('chart-capacity', {
    title: 'Capacity fade',
    scales: { x: { time: false } },
    axes: [{ label: 'discharge' }, { label: 'Ah' }],
    series: [{ label: 'discharge' }, meas, { label: 'core estimate (Ah)', stroke: '#ff7f0e', width: 1.5 }, { label: 'twin fit (Ah)', stroke: '#2ca02c', width: 2, dash: [6, 4] }],
  }, [c.cycle, c.measured_Ah, c.estimate_Ah, c.fit_Ah]);

  var r = data.resistance;
  var rm = points('#d62728'); rm.label = 'measured (ohm)';
  chart('chart-resistance', {
    title: 'Resistance trend',
    scales: { x: { time: false } },
    axes: [{ label: 'discharge' }, { label: 'ohm' }],
    series: [{ label: 'discharge' }, rm, { label: 'core estimate R25 (ohm)', stroke: '#9467bd', width: 1.5 }],
  }, [r.cycle, r.measured_ohm, r.estimate_ohm]);

  if (data.temperature) {
    var t = data.temperature;
    var idx = t.labels.map(function (_, i) { return i; });
    // Stacked by drawing the cumulative sums tallest first (each later bar covers the lower part).
    chart('chart-temperature', {
      title: 'Time at temperature (h per 5 K bin, stacked: rest / charge / discharge)',
      scales: { x: { time: false, range: [-0.6, t.labels.length - 0.4] } },
      axes: [{ label: 'degC (bin centre)', values: labelled(t.labels), space: 30 }, { label: 'hours' }],
      series: [{ label: 'bin' }, bars('rest + charge + discharge (h)', '#7f7f7f'), bars('charge + discharge (h)', '#2ca02c'), bars('discharge (h)', '#d62728')],
    }, [idx,
      idx.map(function (i) { return t.rest_h[i] + t.charge_h[i] + t.discharge_h[i]; }),
      idx.map(function (i) { return t.charge_h[i] + t.discharge_h[i]; }),
      idx.map(function (i) { return t.discharge_h[i]; })]);
  }
  if (data.dod) {
    var d = data.dod;
    var di = d.labels.map(function (_, i) { return i; });
    chart('chart-dod', {
      title: 'Depth of discharge (rainflow cycles per 10 % bin)',
      scales: { x: { time: false, range: [-0.6, d.labels.length - 0.4] } },
      axes: [{ label: 'DoD', values: labelled(d.labels), space: 40 }, { label: 'cycles' }],
      series: [{ label: 'bin' }, bars('cycles', '#8c564b')],
    }, [di, d.cycles]);
  }

  if (data.events.length) {
    var types = [];
    data.events.forEach(function (e) { if (types.indexOf(e.type) < 0) types.push(e.type); });
    var ev = data.events.slice().sort(function (a, b) { return a.t_days - b.t_days; });
    var evp = points('#e377c2'); evp.label = 'event';
    chart('chart-events', {
      title: 'Event timeline',
      height: 60 + 40 * types.length,
      scales: { x: { time: false }, y: { range: [-0.5, types.length - 0.5] } },
      axes: [{ label: 'days since the first record' }, { values: labelled(types), size: 170, space: 20 }],
      series: [{ label: 'day' }, evp],
    }, [ev.map(function (e) { return e.t_days; }), ev.map(function (e) { return types.indexOf(e.type); })]);
  }

  data.projections.forEach(function (p, k) {
    var tr = p.trajectory;
    var yrs = tr.map(function (row) { return row.years; });
    var level = function (v) { return tr.map(function () { return v; }); };
    var ratio = tr.map(function (row) { return row.resistance_ratio; });
    var series = [{ label: 'years' }, { label: 'SOH (%)', stroke: '#17becf', width: 2 },
      { label: '80 %', stroke: '#999', dash: [4, 4] }, { label: '70 %', stroke: '#777', dash: [4, 4] }, { label: '60 %', stroke: '#555', dash: [4, 4] }];
    var values = [yrs, tr.map(function (row) { return row.soh * 100; }), level(80), level(70), level(60)];
    if (finite(tr.map(function (row) { return row.soh_low; })) > 0) {
      series.push({ label: 'fit band low (%)', stroke: '#17becf', dash: [2, 3], width: 1 }, { label: 'fit band high (%)', stroke: '#17becf', dash: [2, 3], width: 1 });
      values.push(tr.map(function (row) { return row.soh_low === null ? null : row.soh_low * 100; }), tr.map(function (row) { return row.soh_high === null ? null : row.soh_high * 100; }));
    }
    var axes = [{ label: 'years from today' }, { label: 'SOH %' }];
    if (finite(ratio) > 0) {
      series.push({ label: 'R/R_BOL', stroke: '#d62728', width: 1.5, scale: 'r' });
      values.push(ratio);
      axes.push({ label: 'R/R_BOL', scale: 'r', side: 1, grid: { show: false } });
    }
    chart('chart-projection-' + k, {
      title: 'Projection: ' + p.scenario,
      scales: { x: { time: false }, r: { auto: true } },
      axes: axes,
      series: series,
    }, values);
  });
  window.__reportCharts = drawn;
  document.body.setAttribute('data-charts', String(drawn.length));
})();
`;
