/* The dashboard's views, rendered on demand from the JSON block #carelens-data (gold tables as columns and rows,
   text cells as indexes into each column's distinct values)
   with Chart.js. The selection (view, measure, period, program and arm, dimension) lives in the URL fragment, so a
   link opens the same view; every control change rewrites the fragment and the page renders from it. After each
   rendering <body> records how many charts are drawn (data-charts) and how many script errors happened
   (data-errors). Suppressed rows carry no numbers in the data, and the page shows the word "suppressed". */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('carelens-data').textContent);
  var labels = data.labels || { measures: {}, dimensions: {}, lowerIsBetter: [] };
  var colours = ['#1f5f99', '#e07b24', '#2a9d6f', '#8e5ea2', '#c8453b', '#6c8ebf', '#b8a032', '#7b7b7b', '#3bb3c3'];
  var shapes = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot', 'rectRounded', 'cross', 'line'];
  var VIEWS = ['glance', 'trends', 'evaluation', 'quality'];
  var charts = [];
  var cache = {};
  var state = {};

  /* ---------- data ---------- */

  function table(name) {
    if (!(name in cache)) {
      var t = data[name];
      var values = t ? t.values || {} : {};
      cache[name] = !t ? null : t.rows.map(function (r) {
        var o = {};
        t.columns.forEach(function (c, i) { o[c] = values[c] && r[i] !== null ? values[c][r[i]] : r[i]; });
        return o;
      });
    }
    return cache[name];
  }

  function all(name) { return table(name) || []; }

  function distinct(rows, f) {
    var seen = {};
    var out = [];
    rows.forEach(function (r) {
      var v = f(r);
      if (v !== null && v !== undefined && !seen[v]) { seen[v] = true; out.push(v); }
    });
    return out;
  }

  var utilizationIds = null;
  function isUtilization(measure) {
    if (!utilizationIds) {
      utilizationIds = {};
      all('utilization').forEach(function (r) { utilizationIds[r.measure_id] = true; });
    }
    return utilizationIds[measure] === true;
  }

  function dimensionOf(r) { return r.dimension === null || r.dimension === undefined ? 'overall' : r.dimension; }

  function armKey(r) { return (r.program_id || 'all') + '|' + (r.arm || 'all'); }

  /* The rows of the selected measure: quality rates, or utilization rates of the selected program and arm. */
  function measureRows(measure) {
    if (isUtilization(measure)) {
      return all('utilization').filter(function (r) { return r.measure_id === measure && armKey(r) === state.arm; });
    }
    return all('rates').filter(function (r) { return r.measure_id === measure; });
  }

  function periodsOf(rows) { return distinct(rows, function (r) { return r.period_start; }).sort(); }

  /* ---------- formatting (as the gold tables' readers write them: half-up on the decimal value) ---------- */

  function fixed(x, digits) {
    var negative = x < 0;
    var rounded = Number(Math.round(Number(Math.abs(x) + 'e' + digits)) + 'e-' + digits);
    var text = rounded.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    return (negative && rounded !== 0 ? '-' : '') + text;
  }

  function isNumber(v) { return typeof v === 'number' && isFinite(v); }
  function percent(v) { return isNumber(v) ? fixed(v * 100, 1) + '%' : '–'; }
  function count(v) { return isNumber(v) ? Math.round(v).toLocaleString('en-US') : '–'; }
  function decimal(v) { return isNumber(v) ? fixed(v, 1) : '–'; }

  function proportionUnit(unit) { return !unit || String(unit).indexOf('proportion') === 0; }
  function statedProportion(unit) { return typeof unit === 'string' && unit.indexOf('proportion') === 0; }

  /* A rate as the page shows it: a percentage for quality measures and proportions, else "381.5 per 1,000 ...". */
  function rateText(r, column) {
    if (!isNumber(r[column])) { return '–'; }
    if (r.unit === undefined || proportionUnit(r.unit)) { return percent(r[column]); }
    return decimal(r[column]) + ' ' + r.unit;
  }

  function intervalText(r, lower, upper) {
    if (!isNumber(r[lower]) || !isNumber(r[upper])) { return '–'; }
    if (r.unit === undefined || proportionUnit(r.unit)) { return percent(r[lower]) + ' to ' + percent(r[upper]); }
    return decimal(r[lower]) + ' to ' + decimal(r[upper]);
  }

  /* A difference between rates: percentage points for proportions, else the rate's unit. */
  function differenceText(v, unit) {
    if (!isNumber(v)) { return '–'; }
    var sign = v > 0 ? '+' : '';
    return proportionUnit(unit) ? sign + fixed(v * 100, 1) + ' pp' : sign + fixed(v, 1);
  }

  function measureName(id) { return labels.measures[id] || id; }
  function dimensionName(id) { return labels.dimensions[id] || humanise(id); }
  function humanise(s) {
    if (s === null || s === undefined) { return ''; }
    if (s === 'all') { return 'All'; }
    var w = String(s).replace(/_/g, ' ');
    return w.charAt(0).toUpperCase() + w.slice(1);
  }
  function lowerIsBetter(id) { return labels.lowerIsBetter.indexOf(id) >= 0; }
  function year(period) { return String(period).slice(0, 4); }
  function armName(key) {
    var p = key.split('|');
    if (p[0] === 'all') { return 'All covered people'; }
    return p[0] + (p[1] === 'all' ? ', both arms' : ', ' + p[1] + ' arm');
  }

  /* ---------- DOM ---------- */

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { e.textContent = attrs[k]; } else if (attrs[k] !== null && attrs[k] !== undefined) {
        e.setAttribute(k, attrs[k]);
      }
    });
    (children || []).forEach(function (c) { if (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return e;
  }

  function cell(text, key, cls) { return el('td', { 'data-key': key, 'class': cls, text: text }); }
  function num(text, key) { return cell(text, key, text === 'suppressed' ? 'num suppressed' : 'num'); }

  function tableOf(caption, headings, rows) {
    var head = el('tr', {}, headings.map(function (h) { return el('th', { scope: 'col', text: h }); }));
    return el('div', { 'class': 'table-wrap' }, [el('table', {}, [el('caption', { text: caption }),
      el('thead', {}, [head]), el('tbody', {}, rows)])]);
  }

  function verdictCell(verdict, key) {
    if (!verdict) { return cell('–', key); }
    return el('td', { 'data-key': key }, [el('span', { 'class': 'verdict ' + verdict, text: verdict })]);
  }

  /* A link that changes the selection (keyboard-usable: it is a link to the fragment of that view). */
  function go(text, change) {
    var next = {};
    Object.keys(state).forEach(function (k) { next[k] = state[k]; });
    Object.keys(change).forEach(function (k) { next[k] = change[k]; });
    return el('a', { href: fragment(next), text: text });
  }

  /* ---------- charts ---------- */

  function chartBox(title, height) {
    var canvas = el('canvas', { role: 'img', 'aria-label': title });
    return { box: el('div', { 'class': 'chart', style: 'height:' + height + 'px' }, [canvas]), canvas: canvas };
  }

  function draw(canvas, config) {
    charts.push(new window.Chart(canvas, config));
    canvas.setAttribute('data-rendered', 'true');
  }

  /* Lines across periods with their 95% bands: series = [{label, reference, points: {period: row}}]. */
  function trendChart(title, axis, periods, series, value, lower, upper) {
    var c = chartBox(title, 340);
    var datasets = [];
    series.forEach(function (s, i) {
      var colour = colours[i % colours.length];
      var pick = function (col) { return periods.map(function (p) { var r = s.points[p]; return r && isNumber(r[col]) ? value(r[col]) : null; }); };
      datasets.push({ label: s.label + ' lower', data: pick(lower), band: true, pointRadius: 0, borderWidth: 0, fill: false });
      datasets.push({ label: s.label + ' upper', data: pick(upper), band: true, pointRadius: 0, borderWidth: 0,
        fill: '-1', backgroundColor: colour + '22' });
      datasets.push({ label: s.label, data: pick(value === null ? null : 'rate'), borderColor: colour,
        backgroundColor: colour, pointStyle: shapes[i % shapes.length], pointRadius: s.reference ? 6 : 4,
        borderWidth: s.reference ? 4 : 2, borderDash: s.reference ? [] : [6, 3], spanGaps: true });
    });
    var next = function () {
      draw(c.canvas, {
        type: 'line',
        data: { labels: periods.map(year), datasets: datasets },
        options: {
          animation: false, maintainAspectRatio: false,
          plugins: { title: { display: true, text: title },
            legend: { position: 'bottom', labels: { usePointStyle: true, filter: function (item, d) { return !d.datasets[item.datasetIndex].band; } } } },
          scales: { y: { title: { display: true, text: axis } } }
        }
      });
    };
    return { box: c.box, draw: next };
  }

  /* Per label a point estimate with its 95% interval. */
  function forestChart(title, axis, items) {
    var c = chartBox(title, Math.max(170, 80 + items.length * 28));
    var next = function () {
      draw(c.canvas, {
        type: 'bar',
        data: {
          labels: items.map(function (i) { return i.label; }),
          datasets: [
            { type: 'line', label: 'Estimate', data: items.map(function (i) { return i.estimate; }), showLine: false,
              pointRadius: 5, pointStyle: 'rectRot', pointBackgroundColor: '#17324d', borderColor: '#17324d', order: 0 },
            { type: 'bar', label: '95% interval', data: items.map(function (i) {
              return isNumber(i.lower) && isNumber(i.upper) ? [i.lower, i.upper] : null; }),
              backgroundColor: 'rgba(31,95,153,0.35)', grouped: false, barPercentage: 0.3, categoryPercentage: 1.0, order: 1 }
          ]
        },
        options: { indexAxis: 'y', animation: false, maintainAspectRatio: false,
          plugins: { title: { display: true, text: title }, legend: { position: 'bottom' } },
          scales: { x: { title: { display: true, text: axis } }, y: { ticks: { autoSkip: false } } } }
      });
    };
    return { box: c.box, draw: next };
  }

  /* ---------- disparities ---------- */

  function disparities(measure, metric) {
    return all('disparities').filter(function (d) {
      var arm = armKey(d);
      return d.measure_id === measure && d.metric === metric && (arm === 'all|all' || arm === state.arm);
    });
  }

  function disparityOf(measure, period, dimension, stratum, metric) {
    return disparities(measure, metric).filter(function (d) {
      return d.period_start === period && d.dimension === dimension && d.stratum === stratum;
    })[0];
  }

  /* ---------- views ---------- */

  function heading(view, title, lead) {
    view.appendChild(el('h2', { text: title }));
    if (lead) { view.appendChild(el('p', { 'class': 'lead', text: lead })); }
  }

  function glance(view) {
    heading(view, 'At a glance', 'Each measure\'s latest rate for all patients with its 95% interval and its rate in '
      + 'every period; the watch list names the patient groups called worse than their reference group, or whose gap '
      + 'widened since the previous period, largest first (quality measures and utilization apart, as their units '
      + 'differ). Every link opens the detail.');
    var pending = [];
    var rates = all('rates').filter(function (r) { return dimensionOf(r) === 'overall'; });
    if (!table('rates')) {
      view.appendChild(el('p', { 'class': 'not-computed', text: 'Not computed yet: gold/measure_rates. Run carelens measures (or carelens run).' }));
    } else {
      var rows = distinct(rates, function (r) { return r.measure_id; }).map(function (m) {
        var own = rates.filter(function (r) { return r.measure_id === m; })
          .sort(function (a, b) { return a.period_start < b.period_start ? -1 : 1; });
        var latest = own[own.length - 1];
        var key = 'glance|' + m + '|' + latest.period_start + '|';
        var trend = own.map(function (r) { return year(r.period_start) + ' ' + (r.suppressed ? 'suppressed' : percent(r.rate)); }).join(' · ');
        return el('tr', {}, [el('th', { scope: 'row' }, [go(measureName(m), { view: 'trends', measure: m, period: latest.period_start })]),
          cell(year(latest.period_start)), num(latest.suppressed ? 'suppressed' : percent(latest.rate), key + 'rate'),
          num(latest.suppressed ? 'suppressed' : intervalText(latest, 'ci_lower', 'ci_upper')),
          cell(trend, key + 'trend'), cell(lowerIsBetter(m) ? 'lower is better' : 'higher is better')]);
      });
      view.appendChild(tableOf('Quality measures, all patients: latest rate and rate in each period',
        ['Measure', 'Latest period', 'Rate', '95% interval', 'Rate by period', 'Direction'], rows));
    }
    var selected = measureRows(state.measure).filter(function (r) { return dimensionOf(r) === 'overall'; });
    if (selected.length) {
      var points = {};
      selected.forEach(function (r) { points[r.period_start] = r; });
      var util = isUtilization(state.measure);
      var t = trendChart(measureName(state.measure) + ', all patients' + (util ? ' (' + armName(state.arm) + ')' : '') + ': trend with 95% interval',
        util ? (selected[0].unit || 'rate') : '% of eligible patients', periodsOf(selected),
        [{ label: 'All patients', reference: true, points: points }], util ? function (v) { return v; } : function (v) { return v * 100; },
        'ci_lower', 'ci_upper');
      view.appendChild(t.box);
      pending.push(t.draw);
    }
    view.appendChild(watchList());
    view.appendChild(utilizationSummary());
    return pending;
  }

  function watchList() {
    var box = el('div', { id: 'watch-list' }, [el('h3', { text: 'Watch list, ' + year(state.period) })]);
    if (!table('disparities')) {
      box.appendChild(el('p', { 'class': 'not-computed', text: 'Not computed yet: gold/disparities. Run carelens equity.' }));
      return box;
    }
    var items = [];
    all('disparities').forEach(function (d) {
      var arm = armKey(d);
      if (d.period_start !== state.period || d.suppressed || !(arm === 'all|all' || arm === state.arm)) { return; }
      var worse = d.metric === 'rate_difference' && d.verdict === 'worse';
      var widened = d.metric === 'change_in_rate_difference' && (d.trend === 'widening' || d.trend === 'widened');
      if ((worse || widened) && isNumber(d.estimate)) { items.push({ d: d, widened: widened }); }
    });
    items.sort(function (a, b) { return Math.abs(b.d.estimate) - Math.abs(a.d.estimate); });
    if (!items.length) {
      box.appendChild(el('p', { 'class': 'note', text: 'No group is called worse, and no gap widened, in this period.' }));
      return box;
    }
    [false, true].forEach(function (utilization) {
      var mine = items.filter(function (i) { return isUtilization(i.d.measure_id) === utilization; });
      if (!mine.length) { return; }
      box.appendChild(el('h4', { text: utilization ? 'Utilization (differences in the rate\'s unit)'
        : 'Quality measures (differences in percentage points)' }));
      var list = el('ol', { 'class': 'watch' });
      mine.forEach(function (i) {
        var d = i.d;
        var unit = utilization ? 'rate' : 'proportion';
        var what = i.widened ? 'gap widened by ' + differenceText(d.estimate, unit) + ' since the previous period'
          : 'worse than ' + humanise(d.reference_group) + ' by ' + differenceText(d.estimate, unit);
        list.appendChild(el('li', {}, [go(measureName(d.measure_id) + ' · ' + dimensionName(d.dimension) + ': '
          + humanise(d.stratum), { view: 'trends', measure: d.measure_id, dimension: d.dimension, period: d.period_start }),
          ' — ' + what + (d.arm && d.arm !== 'all' ? ' (' + armName(armKey(d)) + ')' : '')]));
      });
      box.appendChild(list);
    });
    return box;
  }

  function utilizationSummary() {
    var box = el('div', {}, [el('h3', { text: 'Utilization, ' + armName(state.arm) + ', ' + year(state.period) })]);
    var rows = all('utilization').filter(function (r) {
      return dimensionOf(r) === 'overall' && armKey(r) === state.arm && r.period_start === state.period;
    });
    if (!rows.length) {
      box.appendChild(el('p', { 'class': 'note', text: table('utilization') ? 'No utilization rates for this selection.'
        : 'Not computed yet: gold/utilization_rates. Run carelens utilization.' }));
      return box;
    }
    box.appendChild(tableOf('Utilization rates, all patients of the selection', ['Measure', 'Events', 'Person-years', 'Rate', '95% interval'],
      rows.map(function (r) {
        var key = 'util|' + r.measure_id + '|' + r.period_start + '|' + r.program_id + '|' + r.arm + '|all|';
        return el('tr', {}, [el('th', { scope: 'row' }, [go(measureName(r.measure_id), { view: 'trends', measure: r.measure_id })]),
          num(r.suppressed ? 'suppressed' : count(r.events)), num(r.suppressed ? 'suppressed' : decimal(r.person_years)),
          num(r.suppressed ? 'suppressed' : rateText(r, 'rate'), key + 'rate'),
          num(r.suppressed ? 'suppressed' : intervalText(r, 'ci_lower', 'ci_upper'))]);
      })));
    return box;
  }

  function trends(view) {
    var m = state.measure;
    var util = isUtilization(m);
    heading(view, measureName(m) + ' by ' + dimensionName(state.dimension).toLowerCase(),
      (lowerIsBetter(m) ? 'Lower is better. ' : 'Higher is better. ') + 'Each group\'s rate across periods with its 95% '
      + 'interval (band); the reference group is the thick solid line. The table is for ' + year(state.period)
      + (util ? ', ' + armName(state.arm) : '') + ': "worse" or "better" when the difference to the reference is both '
      + 'significant (p ≤ 0.05) and at least 10% in relative terms, else "same" (AHRQ rule).');
    var rows = measureRows(m).filter(function (r) { return dimensionOf(r) === state.dimension; });
    if (!rows.length) {
      view.appendChild(el('p', { 'class': 'note', text: 'No rates by ' + dimensionName(state.dimension).toLowerCase() + ' for this measure and selection.' }));
      return [];
    }
    var periods = periodsOf(rows);
    var reference = disparities(m, 'rate_difference').filter(function (d) { return d.dimension === state.dimension && d.reference_group; })
      .map(function (d) { return d.reference_group; })[0];
    var groups = distinct(rows, function (r) { return r.stratum; });
    var series = groups.filter(function (g) {
      return rows.some(function (r) { return r.stratum === g && !r.suppressed; });
    }).map(function (g) {
      var points = {};
      rows.filter(function (r) { return r.stratum === g; }).forEach(function (r) { points[r.period_start] = r; });
      return { label: humanise(g) + (g === reference ? ' (reference)' : ''), reference: g === reference, points: points };
    });
    var pending = [];
    if (series.length) {
      var t = trendChart(measureName(m) + ': rate by ' + dimensionName(state.dimension).toLowerCase() + ' with 95% intervals',
        util ? (rows[0].unit || 'rate') : '% of eligible patients', periods, series,
        util ? function (v) { return v; } : function (v) { return v * 100; }, 'ci_lower', 'ci_upper');
      view.appendChild(t.box);
      pending.push(t.draw);
    }
    var current = rows.filter(function (r) { return r.period_start === state.period; });
    var shown = current.filter(function (r) { return !r.suppressed; });
    var withheld = current.filter(function (r) { return r.suppressed; });
    var body = shown.map(function (r) {
      var key = util ? 'util|' + m + '|' + r.period_start + '|' + armKey(r) + '|all|' + r.dimension + '|' + r.stratum + '|'
        : 'rate|' + m + '|' + r.period_start + '|' + r.dimension + '|' + r.stratum + '|';
      var gap = disparityOf(m, r.period_start, r.dimension, r.stratum, 'rate_difference');
      var change = disparityOf(m, r.period_start, r.dimension, r.stratum, 'change_in_rate_difference');
      var counts = util ? [num(count(r.events), key + 'events'), num(decimal(r.person_years), key + 'person_years')]
        : [num(count(r.performance_denominator), key + 'performance_denominator'), num(count(r.numerator), key + 'numerator')];
      return el('tr', { 'class': r.stratum === reference ? 'reference' : null }, [el('th', { scope: 'row',
        text: humanise(r.stratum) + (r.stratum === reference ? ' (reference)' : '') })].concat(counts).concat([
        num(rateText(r, 'rate'), key + 'rate'), num(intervalText(r, 'ci_lower', 'ci_upper'), key + 'interval'),
        verdictCell(gap && !gap.suppressed ? gap.verdict : null, key + 'verdict'),
        cell(gap && !gap.suppressed && isNumber(gap.estimate) ? differenceText(gap.estimate, util ? 'rate' : 'proportion') : '–', key + 'gap'),
        cell(change && !change.suppressed && change.trend ? humanise(change.trend) : '–', key + 'trend')]));
    });
    if (withheld.length) {
      body.push(el('tr', { 'class': 'withheld' }, [el('td', { colspan: '8', 'data-key': 'withheld|' + m + '|' + state.period + '|' + state.dimension,
        text: withheld.length + (withheld.length === 1 ? ' group' : ' groups') + ' withheld, every number suppressed because the '
          + 'group is too small to publish safely (a count from 1 to 10, or one that would reveal it): '
          + withheld.map(function (r) { return humanise(r.stratum); }).join(', ') })]));
    }
    view.appendChild(tableOf(measureName(m) + ', ' + year(state.period) + ', by ' + dimensionName(state.dimension).toLowerCase(),
      ['Group', util ? 'Events' : 'Eligible patients', util ? 'Person-years' : 'Met the measure', 'Rate', '95% interval',
        'Compared with reference', 'Gap to reference', 'Gap since previous period'], body));
    return pending;
  }

  function evaluation(view) {
    heading(view, 'Program evaluation', 'Difference-in-differences: the change in the intervention arm minus the change in '
      + 'the comparison arm, baseline against performance period, with 95% intervals. Left: the effect in each group; '
      + 'right: the change of each group\'s gap to its reference group (below zero narrows a gap measured as '
      + 'group minus reference).');
    if (!table('evaluation')) {
      view.appendChild(el('p', { 'class': 'not-computed', text: 'Not computed yet: gold/evaluation. Run carelens evaluate.' }));
      return [];
    }
    var program = state.arm.split('|')[0];
    var ev = all('evaluation').filter(function (r) { return program === 'all' || !r.program_id || r.program_id === program; });
    var m = state.measure;
    var scale = function (r, v) { return isNumber(v) ? (statedProportion(r.unit) ? v * 100 : v) : null; };
    var lower = function (r) { return 'ci95_lower' in r ? r.ci95_lower : r.ci_lower; };
    var upper = function (r) { return 'ci95_upper' in r ? r.ci95_upper : r.ci_upper; };
    var type = function (r) { return r.row_type || 'effect'; };
    var mine = ev.filter(function (r) {
      return r.measure_id === m && (dimensionOf(r) === 'overall' || dimensionOf(r) === state.dimension);
    });
    var item = function (r) {
      var label = dimensionOf(r) === 'overall' ? 'All patients' : humanise(r.stratum);
      return { label: label + (r.suppressed ? ' (suppressed)' : ''), estimate: r.suppressed ? null : scale(r, r.estimate),
        lower: r.suppressed ? null : scale(r, lower(r)), upper: r.suppressed ? null : scale(r, upper(r)) };
    };
    var pending = [];
    var axis = mine.length && statedProportion(mine[0].unit) ? 'percentage points' : (mine.length ? mine[0].unit || '' : '');
    var effects = mine.filter(function (r) { return type(r) === 'effect'; });
    var gaps = mine.filter(function (r) { return type(r) === 'gap'; });
    var grid = el('div', { 'class': 'grid' });
    if (effects.length) {
      var f = forestChart(measureName(m) + ': effect by ' + dimensionName(state.dimension).toLowerCase(), axis, effects.map(item));
      grid.appendChild(f.box);
      pending.push(f.draw);
    }
    if (gaps.length) {
      var g = forestChart(measureName(m) + ': change of the gap to the reference', axis, gaps.map(item));
      grid.appendChild(g.box);
      pending.push(g.draw);
    }
    if (!effects.length && !gaps.length) {
      grid.appendChild(el('p', { 'class': 'note', text: 'No evaluation estimates for this measure.' }));
    }
    view.appendChild(grid);
    var overall = ev.filter(function (r) { return dimensionOf(r) === 'overall' && type(r) === 'effect'; });
    view.appendChild(tableOf('Effect of the program on every measure, all patients', ['Measure', 'Program', 'Method',
      'Estimate', '95% interval', 'p'], overall.map(function (r) {
      var key = 'eval|' + r.program_id + '|' + r.measure_id + '|';
      var unit = statedProportion(r.unit) ? 'proportion' : 'rate';
      return el('tr', {}, [el('th', { scope: 'row' }, [go(measureName(r.measure_id), { measure: r.measure_id })]),
        cell(r.program_id || '–'), cell(r.method || r.estimand || '–'),
        num(r.suppressed ? 'suppressed' : differenceText(r.estimate, unit), key + 'estimate'),
        num(r.suppressed ? 'suppressed' : differenceText(lower(r), unit) + ' to ' + differenceText(upper(r), unit)),
        num(r.suppressed || !isNumber(r.p_value) ? '–' : (r.p_value < 0.0001 ? '< 0.0001' : r.p_value.toFixed(4)))]);
    })));
    view.appendChild(pba());
    return pending;
  }

  function pba() {
    var box = el('div', {}, [el('h3', { text: 'Performance-based adjustment per practice' })]);
    if (!table('pba')) {
      box.appendChild(el('p', { 'class': 'note', text: 'Not computed yet: gold/pba. Run carelens evaluate.' }));
      return box;
    }
    box.appendChild(tableOf('Acute hospital utilization (stays per 1,000 person-years) against the benchmark',
      ['Practice', 'Stays', 'Person-years', 'AHU rate', '95% interval', 'Benchmark', 'Ratio', 'Tier', 'Adjustment', 'Status'],
      all('pba').map(function (r) {
        var s = r.suppressed;
        return el('tr', {}, [el('th', { scope: 'row', text: r.practice_id }), num(s ? 'suppressed' : count(r.stays)),
          num(s ? 'suppressed' : decimal(r.person_years)), num(s ? 'suppressed' : decimal(r.ahu_rate), 'pba|' + r.practice_id + '|ahu_rate'),
          num(s ? 'suppressed' : decimal(r.ahu_ci95_lower) + ' to ' + decimal(r.ahu_ci95_upper)), num(decimal(r.benchmark_rate)),
          num(s || !isNumber(r.ratio) ? (s ? 'suppressed' : '–') : r.ratio.toFixed(2)), cell(r.tier === null ? '–' : String(r.tier)),
          num(isNumber(r.adjustment) ? fixed(r.adjustment * 100, 1) + '%' : '–'), cell(humanise(r.status))]);
      })));
    return box;
  }

  /* ---------- selection ---------- */

  function fragment(s) {
    return '#view=' + encodeURIComponent(s.view) + '&measure=' + encodeURIComponent(s.measure || '')
      + '&period=' + encodeURIComponent(s.period || '') + '&arm=' + encodeURIComponent(s.arm || '')
      + '&dimension=' + encodeURIComponent(s.dimension || '');
  }

  function parse(hash) {
    var out = {};
    hash.replace(/^#/, '').split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i > 0) { out[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1)); }
    });
    return out;
  }

  function measures() {
    return { quality: distinct(all('rates'), function (r) { return r.measure_id; }),
      utilization: distinct(all('utilization'), function (r) { return r.measure_id; }) };
  }

  function arms() {
    var keys = distinct(all('utilization'), armKey);
    if (!keys.length) { keys.push('all|all'); }
    return keys.sort(function (a, b) { return a === 'all|all' ? -1 : b === 'all|all' ? 1 : a < b ? -1 : 1; });
  }

  /* The selection from the fragment, every value checked against the data (an unknown value takes the default). */
  function resolve(wanted) {
    var ms = measures();
    var every = ms.quality.concat(ms.utilization);
    var s = {};
    s.view = VIEWS.indexOf(wanted.view) >= 0 ? wanted.view : 'glance';
    s.measure = every.indexOf(wanted.measure) >= 0 ? wanted.measure : every[0] || '';
    var armKeys = arms();
    s.arm = armKeys.indexOf(wanted.arm) >= 0 ? wanted.arm : (armKeys.indexOf('all|all') >= 0 ? 'all|all' : armKeys[0]);
    state = s;
    var rows = measureRows(s.measure);
    var periods = periodsOf(rows);
    s.period = periods.indexOf(wanted.period) >= 0 ? wanted.period : periods[periods.length - 1] || '';
    var dims = distinct(rows, dimensionOf).filter(function (d) { return d !== 'overall'; });
    s.dimension = dims.indexOf(wanted.dimension) >= 0 ? wanted.dimension
      : (dims.indexOf('race') >= 0 ? 'race' : dims[0] || 'overall');
    return s;
  }

  function fill(select, options, value) {
    select.textContent = '';
    options.forEach(function (o) {
      if (o.group) {
        var g = el('optgroup', { label: o.group });
        o.options.forEach(function (p) { g.appendChild(el('option', { value: p.value, text: p.text })); });
        if (o.options.length) { select.appendChild(g); }
      } else {
        select.appendChild(el('option', { value: o.value, text: o.text }));
      }
    });
    select.value = value;
  }

  function controls() {
    var ms = measures();
    var option = function (m) { return { value: m, text: measureName(m) + ' (' + m + ')' }; };
    fill(document.getElementById('ctl-measure'), [{ group: 'Quality measures', options: ms.quality.map(option) },
      { group: 'Utilization', options: ms.utilization.map(option) }], state.measure);
    var rows = measureRows(state.measure);
    fill(document.getElementById('ctl-period'), periodsOf(rows).map(function (p) { return { value: p, text: year(p) }; }), state.period);
    fill(document.getElementById('ctl-arm'), arms().map(function (k) { return { value: k, text: armName(k) }; }), state.arm);
    var dims = distinct(rows, dimensionOf).filter(function (d) { return d !== 'overall'; });
    fill(document.getElementById('ctl-dimension'), dims.map(function (d) { return { value: d, text: dimensionName(d) }; }), state.dimension);
    document.getElementById('selection-note').textContent = isUtilization(state.measure) ? ''
      : 'Quality measures are published for all patients: the program and arm apply to utilization, the watch list and the evaluation.';
  }

  function render() {
    try {
      resolve(parse(window.location.hash));
      charts.forEach(function (c) { c.destroy(); });
      charts = [];
      controls();
      var pending = [];
      VIEWS.forEach(function (v) {
        var view = document.getElementById('view-' + v);
        view.hidden = v !== state.view;
        if (v !== 'quality') { view.textContent = ''; }
      });
      document.querySelectorAll('nav a').forEach(function (a) {
        a.setAttribute('href', fragment({ view: a.getAttribute('data-view'), measure: state.measure, period: state.period,
          arm: state.arm, dimension: state.dimension }));
        if (a.getAttribute('data-view') === state.view) { a.setAttribute('aria-current', 'page'); } else { a.removeAttribute('aria-current'); }
      });
      var target = document.getElementById('view-' + state.view);
      if (state.view === 'glance') { pending = glance(target); }
      if (state.view === 'trends') { pending = trends(target); }
      if (state.view === 'evaluation') { pending = evaluation(target); }
      pending.forEach(function (drawIt) { drawIt(); });
      if (window.location.hash !== fragment(state)) { window.history.replaceState(null, '', fragment(state)); }
    } catch (e) {
      window.carelensErrors.push(String(e && e.message ? e.message : e));
    }
    document.body.setAttribute('data-view', state.view || '');
    document.body.setAttribute('data-charts', String(charts.length));
    document.body.setAttribute('data-errors', String(window.carelensErrors.length));
  }

  function onChange(key) {
    return function (e) {
      var next = {};
      Object.keys(state).forEach(function (k) { next[k] = state[k]; });
      next[key] = e.target.value;
      window.location.hash = fragment(next);
    };
  }

  document.getElementById('ctl-measure').addEventListener('change', onChange('measure'));
  document.getElementById('ctl-period').addEventListener('change', onChange('period'));
  document.getElementById('ctl-arm').addEventListener('change', onChange('arm'));
  document.getElementById('ctl-dimension').addEventListener('change', onChange('dimension'));
  window.addEventListener('hashchange', render);
  render();
}());
