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
  // Bounding boxes [CSS px] of every tick label uPlot drew, per axis: a test (or a person) can check
  // that no two labels of an axis overlap. Horizontal axes centre labels on the tick, vertical axes too.
  function tickBoxes(u) {
    var ctx = document.createElement('canvas').getContext('2d');
    return u.axes.map(function (ax, k) {
      var vals = ax._values || [];
      var splits = ax._splits || [];
      var font = ax.font ? ax.font[0] : '12px system-ui';
      var size = ax.font ? ax.font[1] : 12;
      ctx.font = font;
      var horizontal = ax.side === 0 || ax.side === 2 || ax.side === undefined && k === 0;
      var boxes = [];
      for (var i = 0; i < splits.length; i++) {
        var text = vals[i];
        if (text === null || text === undefined || text === '' || !ax.show && ax.show !== undefined) continue;
        var pos = u.valToPos(splits[i], ax.scale);
        var w = ctx.measureText(String(text)).width;
        boxes.push(horizontal ? { text: String(text), a: pos - w / 2, b: pos + w / 2 } : { text: String(text), a: pos - size / 2, b: pos + size / 2 });
      }
      return { axis: k, horizontal: horizontal, boxes: boxes };
    });
  }
  function chart(id, opts, series) {
    var el = document.getElementById(id);
    var count = 0;
    for (var s = 1; s < series.length; s++) count += finite(series[s]);
    opts.width = width(el);
    opts.height = opts.height || 260;
    // A static legend: series names only, never values that need a hover to mean anything.
    opts.legend = { live: false };
    opts.hooks = { draw: [function (u) { el.setAttribute('data-ticks', JSON.stringify(tickBoxes(u))); }] };
    new uPlot(opts, series, el);
    el.setAttribute('data-points', String(count));
    drawn.push({ id: id, points: count });
  }
  function labelled(labels) { return function (u, splits) { return splits.map(function (i) { return labels[Math.round(i)] !== undefined && Math.abs(i - Math.round(i)) < 1e-9 ? labels[Math.round(i)] : ''; }); }; }
  // A category axis: ticks on whole indices only, spaced by the widest label (horizontal) or the
  // line height (vertical) so that labels can never overlap; uPlot thins them by these increments.
  var measure = document.createElement('canvas').getContext('2d');
  measure.font = '12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif';
  function category(labels, horizontal, extra) {
    var widest = 0;
    labels.forEach(function (l) { widest = Math.max(widest, measure.measureText(String(l)).width); });
    var axis = { values: labelled(labels), incrs: [1, 2, 3, 4, 5, 10, 20, 50], space: horizontal ? Math.ceil(widest) + 12 : 18 };
    for (var k in extra) axis[k] = extra[k];
    return axis;
  }
  var lab = data.view === 'lab-truth';

  // The lab's series (measured capacity, EIS resistance) only with --lab-truth: the default is the device's view.
  function withLab(series, values, labSeries, labValues) {
    return lab ? { series: [series[0], labSeries].concat(series.slice(1)), values: [values[0], labValues].concat(values.slice(1)) } : { series: series, values: values };
  }
  var c = data.capacity;
  var meas = points('#1f77b4'); meas.label = 'lab: measured capacity (Ah)';
  var cap = withLab([{ label: 'discharge' }, { label: 'device: core capacity estimate (Ah)', stroke: '#ff7f0e', width: 1.5 }, { label: 'twin fit (Ah)', stroke: '#2ca02c', width: 2, dash: [6, 4] }],
    [c.cycle, c.estimate_Ah, c.fit_Ah], meas, c.measured_Ah);
  chart('chart-capacity', {
    title: 'Capacity fade',
    scales: { x: { time: false } },
    axes: [{ label: 'discharge' }, { label: 'Ah' }],
    series: cap.series,
  }, cap.values);

  var r = data.resistance;
  var rm = points('#d62728'); rm.label = 'lab: EIS Re + Rct, AC (ohm)';
  var res = withLab([{ label: 'discharge' }, { label: 'device: core DC R25 at 25 degC (ohm)', stroke: '#9467bd', width: 1.5 }], [r.cycle, r.estimate_ohm], rm, r.measured_ohm);
  chart('chart-resistance', {
    title: lab ? 'Resistance: lab EIS Re + Rct and device DC R25 (different quantities)' : 'Resistance: device DC R25',
    scales: { x: { time: false } },
    axes: [{ label: 'discharge' }, { label: 'ohm' }],
    series: res.series,
  }, res.values);

  if (data.temperature) {
    var t = data.temperature;
    var idx = t.labels.map(function (_, i) { return i; });
    // Stacked by drawing the cumulative sums tallest first (each later bar covers the lower part).
    chart('chart-temperature', {
      title: 'Time at temperature (h per 5 K bin, stacked: rest / charge / discharge)',
      scales: { x: { time: false, range: [-0.6, t.labels.length - 0.4] } },
      axes: [category(t.labels, true, { label: 'degC (bin centre)' }), { label: 'hours' }],
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
      axes: [category(d.labels, true, { label: 'DoD' }), { label: 'cycles' }],
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
      axes: [{ label: 'days since the first record' }, category(types, false, { size: 170 })],
      series: [{ label: 'day' }, evp],
    }, [ev.map(function (e) { return e.t_days; }), ev.map(function (e) { return types.indexOf(e.type); })]);
  }

  (data.projections || []).forEach(function (p, k) {
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
