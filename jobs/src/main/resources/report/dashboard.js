/* Draws the dashboard's charts from the JSON block #carelens-charts with Chart.js, then records on <body> how
   many charts were drawn (data-charts) and how many script errors happened (data-errors). */
(function () {
  'use strict';
  var palette = ['#1f5f99', '#e07b24', '#2a9d6f', '#8e5ea2', '#c8453b', '#6c8ebf', '#b8a032', '#7b7b7b', '#3bb3c3'];
  var specs = JSON.parse(document.getElementById('carelens-charts').textContent);
  var drawn = 0;

  function axisTitle(text) { return { display: true, text: text }; }

  function bars(spec, stacked) {
    return {
      type: 'bar',
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (s, i) {
          return { label: s.label, data: s.values, backgroundColor: palette[i % palette.length] };
        })
      },
      options: {
        indexAxis: 'y', animation: false, maintainAspectRatio: false,
        plugins: { title: { display: true, text: spec.title }, legend: { position: 'bottom' } },
        scales: { x: { stacked: stacked, beginAtZero: true, title: axisTitle(spec.axis) },
                  y: { stacked: stacked, ticks: { autoSkip: false } } }
      }
    };
  }

  function forest(spec) {
    var intervals = spec.labels.map(function (_, i) {
      return spec.lower[i] === null || spec.upper[i] === null ? null : [spec.lower[i], spec.upper[i]];
    });
    return {
      type: 'bar',
      data: {
        labels: spec.labels,
        datasets: [
          { type: 'line', label: 'Rate', data: spec.estimate, showLine: false, pointRadius: 5,
            pointBackgroundColor: '#17324d', borderColor: '#17324d', order: 0 },
          { type: 'bar', label: '95% interval', data: intervals, backgroundColor: 'rgba(31,95,153,0.35)',
            grouped: false, barPercentage: 0.3, categoryPercentage: 1.0, order: 1 }
        ]
      },
      options: {
        indexAxis: 'y', animation: false, maintainAspectRatio: false,
        plugins: { title: { display: true, text: spec.title }, legend: { position: 'bottom' } },
        scales: { x: { title: axisTitle(spec.axis) }, y: { ticks: { autoSkip: false } } }
      }
    };
  }

  Object.keys(specs).forEach(function (id) {
    var spec = specs[id];
    var canvas = document.getElementById(id);
    var config = spec.kind === 'forest' ? forest(spec) : bars(spec, spec.kind === 'stacked');
    new window.Chart(canvas, config);
    canvas.setAttribute('data-rendered', 'true');
    drawn += 1;
  });
  document.body.setAttribute('data-charts', String(drawn));
  document.body.setAttribute('data-errors', String(window.carelensErrors.length));
}());
