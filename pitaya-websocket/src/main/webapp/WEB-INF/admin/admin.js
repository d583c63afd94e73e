// The live admin page: polls ./stats every second and draws the last minute as small SVG line charts.
// No libraries: the DOM is built with textContent (route and group names come from clients).
(function () {
  'use strict';

  var POINTS = 60;          // one per poll: the last minute
  var PERIOD_MS = 1000;
  var history = { clients: [], rate: [], routes: {} };

  function push(series, value) {
    series.push(value);
    if (series.length > POINTS) {
      series.shift();
    }
  }

  // Scales a series into the chart's 120x32 view box; the newest point is at the right edge.
  function draw(svg, series) {
    var max = Math.max.apply(null, series.concat([1]));
    var step = 120 / (POINTS - 1);
    var offset = POINTS - series.length;
    var points = series.map(function (value, i) {
      var x = (offset + i) * step;
      var y = 31 - (value / max) * 30;
      return x.toFixed(1) + ',' + y.toFixed(1);
    });
    svg.querySelector('polyline').setAttribute('points', points.join(' '));
  }

  function sparkline(series) {
    var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('class', 'spark');
    svg.setAttribute('viewBox', '0 0 120 32');
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'polyline'));
    draw(svg, series);
    return svg;
  }

  function cell(row, text, className) {
    var td = document.createElement('td');
    td.textContent = text;
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  function number(value, digits) {
    return value === null || value === undefined ? '–' : value.toFixed(digits);
  }

  function fill(tbody, rows) {
    tbody.replaceChildren.apply(tbody, rows);
  }

  function render(stats) {
    document.getElementById('server').textContent = stats.serverType + ' / ' + stats.server;
    document.getElementById('window').textContent = stats.windowSeconds;

    var total = stats.routes.reduce(function (sum, r) { return r.type === 'handler' ? sum + r.rate : sum; }, 0);
    push(history.clients, stats.clients);
    push(history.rate, total);
    document.getElementById('clients').textContent = stats.clients;
    document.getElementById('rate').textContent = number(total, 0);
    draw(document.getElementById('clients-chart'), history.clients);
    draw(document.getElementById('rate-chart'), history.rate);

    fill(document.getElementById('routes'), stats.routes.map(function (r) {
      var key = r.type + ' ' + r.route;
      var series = history.routes[key] || (history.routes[key] = []);
      push(series, r.rate);
      var row = document.createElement('tr');
      row.dataset.route = r.route;
      row.dataset.type = r.type;
      cell(row, r.route, 'route');
      cell(row, r.type === 'handler' ? 'client' : r.type, 'type');
      cell(row, number(r.rate, 0), 'num rate');
      cell(row, number(r.errors, 0), 'num errors');
      cell(row, number(r.p50, 2), 'num p50');
      cell(row, number(r.p99, 2), 'num p99');
      cell(row, '', 'chart').appendChild(sparkline(series));
      return row;
    }));

    fill(document.getElementById('groups'), stats.groups.map(function (g) {
      var row = document.createElement('tr');
      row.dataset.group = g.name;
      cell(row, g.name, 'name');
      cell(row, String(g.size), 'num size');
      return row;
    }));
    var groupsError = document.getElementById('groups-error');
    groupsError.hidden = !stats.groupsError;
    groupsError.textContent = stats.groupsError ? 'Groups unavailable: ' + stats.groupsError : '';

    fill(document.getElementById('servers'), stats.servers.map(function (s) {
      var row = document.createElement('tr');
      row.dataset.server = s.id;
      if (s.self) {
        row.className = 'self';
      }
      cell(row, s.id, 'id');
      cell(row, s.type, 'type');
      cell(row, s.frontend ? 'yes' : 'no', 'frontend');
      cell(row, s.hostname, 'host');
      return row;
    }));
  }

  function status(state, text) {
    var out = document.getElementById('status');
    out.dataset.state = state;
    out.textContent = text;
  }

  function poll() {
    fetch('stats', { cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (stats) {
        render(stats);
        status('live', 'live ' + new Date(stats.time).toLocaleTimeString());
      })
      .catch(function (e) {
        status('error', 'no data: ' + e.message);
      })
      .finally(function () {
        setTimeout(poll, PERIOD_MS);
      });
  }

  poll();
})();
