// The dashboard: polls /dashboard/figures every 5 s and draws the tiles and two uPlot charts.
(function () {
  'use strict';
  var root = document.getElementById('dashboard');
  if (!root || !window.uPlot) return;
  var currency = root.getAttribute('data-currency');
  var scales = JSON.parse(root.getAttribute('data-scales') || '{}');
  var betsChart = null;
  var ggrChart = null;

  function money(minor) {
    var scale = scales[currency] === undefined ? 2 : scales[currency];
    var value = minor / Math.pow(10, scale);
    return value.toLocaleString('en', { minimumFractionDigits: scale, maximumFractionDigits: scale }) + ' ' + currency;
  }
  function tile(id, figure, format) {
    var node = document.getElementById(id);
    if (figure && figure.unavailable !== undefined) {
      node.textContent = '—';
      node.title = figure.unavailable + ' did not answer';
      node.classList.add('unavailable');
      return;
    }
    node.classList.remove('unavailable');
    node.title = '';
    node.textContent = format(figure.value);
  }
  function width(el) {
    return Math.max(320, el.clientWidth - 8);
  }
  function draw(f) {
    var bets = f.betsPerSecond;
    var last10 = bets.slice(-10).reduce(function (a, p) { return a + p[1]; }, 0) / 10;
    document.getElementById('t-bets').textContent = last10.toFixed(1);
    tile('t-pool', f.jackpotPool, money);
    tile('t-sessions', f.openSessions, function (v) { return String(v); });
    tile('t-tables', f.openTables, function (v) { return String(v); });
    tile('t-online', f.playersOnline, function (v) { return String(Math.round(v)); });
    tile('t-lag', f.outboxLagSeconds, function (v) { return Number(v).toFixed(1) + ' s'; });
    tile('t-ggr', f.revenue, function (hours) {
      return money(hours.reduce(function (a, h) { return a + h.ggr; }, 0));
    });
    document.getElementById('as-of').textContent = 'as of ' + new Date().toLocaleTimeString();

    var betData = [bets.map(function (p) { return p[0]; }), bets.map(function (p) { return p[1]; })];
    var betsEl = document.getElementById('chart-bets');
    if (!betsChart) {
      betsChart = new uPlot({
        width: width(betsEl), height: 220,
        series: [{}, { label: 'bets/s', stroke: '#146c43', fill: 'rgba(20,108,67,0.12)', width: 2 }],
        axes: [{}, { label: 'bets/s' }]
      }, betData, betsEl);
    } else {
      betsChart.setData(betData);
    }
    if (f.revenue && f.revenue.value) {
      var hours = f.revenue.value;
      var scale = Math.pow(10, scales[currency] === undefined ? 2 : scales[currency]);
      var ggrData = [hours.map(function (h) { return Date.parse(h.hour) / 1000; }), hours.map(function (h) { return h.ggr / scale; })];
      var ggrEl = document.getElementById('chart-ggr');
      if (!ggrChart) {
        ggrChart = new uPlot({
          width: width(ggrEl), height: 220,
          series: [{}, { label: 'GGR (' + currency + ')', stroke: '#b54708', fill: 'rgba(244,211,94,0.35)', width: 2,
            paths: uPlot.paths.bars({ size: [0.8, 40] }) }],
          axes: [{}, { label: currency }]
        }, ggrData, ggrEl);
      } else {
        ggrChart.setData(ggrData);
      }
    }
  }
  function poll() {
    fetch('/dashboard/figures?currency=' + encodeURIComponent(currency), { headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(draw)
      .catch(function () { document.getElementById('as-of').textContent = 'figures unavailable, retrying'; });
  }
  poll();
  setInterval(poll, 5000);
})();
