// Alerts on the dashboard: a small rule editor (filled from a clicked chain cell), the rules with a delete
// button, a toast per firing (from /ws/alerts) and today's firings. Talks only to /api/alerts and
// /ws/alerts; app.js tells it about a clicked cell with a 'chain-cell' event ({option, field}).
(function () {
  'use strict';
  var TOKEN_KEY = 'optionstream.gatewayToken';
  var FIELD_METRIC = { delta: 'delta', gamma: 'gamma', theta: 'theta', vega: 'vega', iv: 'iv', ltp: 'price', oi: 'oi' };
  var CHAIN_METRICS = ['pcr', 'volumePcr', 'oiChangePcr', 'allStrikesPcr', 'maxPain', 'atmIv', 'rr25', 'bf25',
    'straddle', 'impliedMovePercent', 'gexTotal', 'gexFlip'];
  var OPTION_METRICS = ['delta', 'gamma', 'theta', 'vega', 'rho', 'iv', 'ivMid', 'price', 'oi'];
  var RECENT = 20;

  function el(id) { return document.getElementById(id); }
  function token() { return sessionStorage.getItem(TOKEN_KEY); }
  function withToken(path) {
    var t = token();
    return t ? path + (path.indexOf('?') < 0 ? '?' : '&') + 'token=' + encodeURIComponent(t) : path;
  }
  function api(method, path, body) {
    var init = { method: method, headers: {} };
    if (body) { init.body = JSON.stringify(body); init.headers['content-type'] = 'application/json'; }
    return fetch(withToken(path), init).then(function (r) {
      return r.json().then(function (b) { if (!r.ok) throw new Error(b && b.error || ('HTTP ' + r.status)); return b; });
    });
  }
  function kind(metric) {
    if (metric === 'index') return 'index';
    return CHAIN_METRICS.indexOf(metric) >= 0 ? 'chain' : 'option';
  }

  // ---- the editor --------------------------------------------------------------------------
  function showFields() {
    var op = el('alert-op').value, k = kind(el('alert-metric').value);
    el('alert-band').hidden = op !== 'entersBand' && op !== 'leavesBand';
    el('alert-threshold').hidden = !el('alert-band').hidden;
    el('alert-window-field').hidden = op !== 'changesBy';
    el('alert-key-field').hidden = k !== 'option';
    el('alert-expiry-field').hidden = k !== 'chain';
  }

  function ruleFromForm() {
    var metric = el('alert-metric').value, op = el('alert-op').value, k = kind(metric);
    var rule = { metric: metric, op: op, name: el('alert-name').value.trim() };
    if (k === 'option') rule.instrumentKey = el('alert-key').value.trim();
    else rule.symbol = el('alert-symbol').value.trim().toUpperCase();
    if (k === 'chain') rule.expiry = el('alert-expiry').value.trim() || 'nearest';
    if (op === 'entersBand' || op === 'leavesBand') {
      rule.low = Number(el('alert-low').value); rule.high = Number(el('alert-high').value);
    } else {
      rule.value = Number(el('alert-value').value);
    }
    if (op === 'changesBy') rule.windowSeconds = Number(el('alert-window').value);
    var cooldown = el('alert-cooldown').value.trim();
    if (cooldown) rule.cooldownSeconds = Number(cooldown);
    if (el('alert-oneshot').checked) rule.oneShot = true;
    return rule;
  }

  function create(e) {
    e.preventDefault();
    el('alert-error').textContent = '';
    api('POST', '/api/alerts', ruleFromForm())
      .then(function () { loadRules(); })
      .catch(function (err) { el('alert-error').textContent = err.message; });
  }

  /** A clicked chain cell: an alert on that option's figure, at its current value. */
  document.addEventListener('chain-cell', function (e) {
    var d = e.detail.option, metric = FIELD_METRIC[e.detail.field];
    if (!d || !metric) return;
    el('alert-metric').value = metric;
    el('alert-key').value = d.instrumentKey;
    el('alert-symbol').value = d.symbol;
    var v = metric === 'price' ? d.price : metric === 'iv' || metric === 'oi' ? d[metric] : d.greeks && d.greeks[metric];
    if (v !== null && v !== undefined) el('alert-value').value = v;
    el('alert-name').value = d.symbol + ' ' + d.strike + ' ' + d.type + ' ' + metric;
    showFields();
    el('alerts').scrollIntoView({ block: 'nearest' });
  });

  // ---- rules and firings -------------------------------------------------------------------
  function describe(r) {
    var what = r.instrumentKey || (r.symbol + (r.expiry ? ' ' + r.expiry : '') + (r.strike ? ' ' + r.strike + ' ' + r.type : ''));
    var bound = r.low !== undefined ? r.low + '…' + r.high : r.value;
    return (r.name ? r.name + ': ' : '') + r.metric + ' of ' + what + ' ' + r.op + ' ' + bound;
  }

  function loadRules() {
    api('GET', '/api/alerts').then(function (rules) {
      var list = el('alert-rules');
      list.innerHTML = '';
      rules.forEach(function (r) {
        var li = document.createElement('li');
        li.dataset.id = r.id;
        li.textContent = describe(r) + ' ';
        var del = document.createElement('button');
        del.type = 'button'; del.textContent = 'delete'; del.className = 'alert-delete';
        del.addEventListener('click', function () { api('DELETE', '/api/alerts/' + encodeURIComponent(r.id)).then(loadRules); });
        li.appendChild(del);
        list.appendChild(li);
      });
      el('alert-rules-empty').hidden = rules.length > 0;
    }).catch(function (err) { el('alert-error').textContent = 'rules unavailable: ' + err.message; });
  }

  function firingText(f) {
    return new Date(f.firedAtMs).toLocaleTimeString() + ' · ' + (f.name || f.metric) + ' ' + f.op + ' at ' + Number(f.value).toPrecision(6);
  }

  function addFiring(f) {
    var list = el('alert-firings');
    var li = document.createElement('li');
    li.textContent = firingText(f);
    list.insertBefore(li, list.firstChild);
    while (list.children.length > RECENT) list.removeChild(list.lastChild);
  }

  function toast(f) {
    var t = document.createElement('div');
    t.className = 'alert-toast';
    t.setAttribute('role', 'status');
    t.textContent = 'Alert · ' + firingText(f);
    el('alert-toasts').appendChild(t);
    setTimeout(function () { t.remove(); }, 10000);
  }

  function listen() {
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    var ws = new WebSocket(scheme + location.host + withToken('/ws/alerts'));
    ws.onmessage = function (m) {
      var msg = JSON.parse(m.data);
      if (msg.type !== 'alert_fired') return;
      toast(msg.data);
      addFiring(msg.data);
    };
    ws.onclose = function () { setTimeout(listen, 3000); };
  }

  function start() {
    var metrics = el('alert-metric');
    OPTION_METRICS.concat(CHAIN_METRICS, ['index']).forEach(function (m) {
      var o = document.createElement('option'); o.value = m; o.textContent = m; metrics.appendChild(o);
    });
    metrics.addEventListener('change', showFields);
    el('alert-op').addEventListener('change', showFields);
    el('alert-form').addEventListener('submit', create);
    showFields();
    loadRules();
    var dayStart = new Date(); dayStart.setHours(0, 0, 0, 0);
    api('GET', '/api/alerts/fired?from=' + dayStart.getTime())
      .then(function (answer) { answer.firings.forEach(addFiring); })
      .catch(function () { /* no alerts stage: the list stays empty */ });
    listen();
  }

  start();
})();
