/* optionstream dashboard: live option chain over the gateway's SockJS event-bus bridge. */
(function () {
  'use strict';

  var ADDR = { greeks: 'greeks.update', pcr: 'pcr.update', oi: 'pcr.oi-by-strike', analytics: 'chain.analytics',
    feed: 'feed.status', cluster: 'gateway.cluster' };
  var UNDERLYING_ORDER = ['NIFTY', 'BANKNIFTY', 'FINNIFTY', 'MIDCPNIFTY', 'SENSEX'];
  var EXPIRY_COLOURS = ['#5aa9ff', '#f2c14e', '#3fb27f', '#e5676b', '#b58cff', '#8b98a9'];
  var QUALITY_TEXT = {
    STALE_TRADE: 'last trade stale while the quotes are live',
    WIDE_SPREAD: 'bid/ask spread wide against the mid',
    NO_TRADE_TODAY: 'no trade today',
    PRICE_OUTSIDE_QUOTE: 'last price outside bid/ask',
    NEAR_EXPIRY: 'minutes from expiry: IV swings with every tick',
    IV_FROM_OTM_SIDE: 'in the money: IV from its time value (the out-of-the-money side)'
  };
  var TOKEN_KEY = 'optionstream.gatewayToken';
  var RENDER_MS = 200;

  // ---- state -------------------------------------------------------------------------------
  var greeks = new Map();            // instrumentKey -> data
  var chains = new Map();            // symbol -> Map(expiry -> Map(strike -> {CE, PE}))
  var pcrByKey = new Map();          // "SYMBOL|expiry" -> pcr_update data
  var oiByKey = new Map();           // "SYMBOL|expiry" -> oi-by-strike data
  var analyticsByKey = new Map();    // "SYMBOL|expiry" -> chain_analytics data
  var termChart = null, smilesChart = null, smilesShape = '';
  var feed = null;                   // feed.status body
  var lastUpdateAt = 0;              // browser clock of the last greeks update received
  var updateCount = 0, updateRate = 0;
  var selected = { symbol: null, expiry: null };
  var dirty = { chain: true, cards: true, chart: true, selectors: true, analytics: true };
  var rowsByStrike = new Map();      // strike -> {tr, ce: {field: td}, pe: {field: td}}
  var renderedStrikes = '';
  var chart = null;
  var token = sessionStorage.getItem(TOKEN_KEY) || null;
  var eb = null;

  // ---- formatting --------------------------------------------------------------------------
  function num(v, digits) { return (v === null || v === undefined || !isFinite(v)) ? '–' : Number(v).toFixed(digits); }
  function big(v) {
    if (v === null || v === undefined || !isFinite(v)) return '–';
    var a = Math.abs(v), s = v < 0 ? '-' : '';
    if (a >= 1e7) return s + (a / 1e7).toFixed(2) + ' Cr';
    if (a >= 1e5) return s + (a / 1e5).toFixed(2) + ' L';
    if (a >= 1e3) return s + (a / 1e3).toFixed(1) + ' K';
    return s + a.toFixed(0);
  }
  function signedBig(v) { return (v > 0 ? '+' : '') + big(v); }
  function strikeText(k) { return Number.isInteger(k) ? String(k) : num(k, 1); }
  function ageText(ms) {
    if (ms < 0) ms = 0;
    if (ms < 10000) return (ms / 1000).toFixed(1) + ' s ago';
    if (ms < 120000) return Math.round(ms / 1000) + ' s ago';
    return Math.round(ms / 60000) + ' min ago';
  }

  var CE_FIELDS = ['oiChange', 'oi', 'vega', 'theta', 'gamma', 'delta', 'iv', 'ltp'];
  var PE_FIELDS = ['ltp', 'iv', 'delta', 'gamma', 'theta', 'vega', 'oi', 'oiChange'];
  /** The reasons not to trust an update, one line each, or '' when it is clean. */
  function qualityText(d) {
    return (d && d.quality ? d.quality : []).map(function (q) { return q + ': ' + (QUALITY_TEXT[q] || q); }).join('\n');
  }
  function cellValue(field, d) {
    if (!d) return { text: '–', raw: null };
    var g = d.greeks || {};
    var flags = qualityText(d);
    switch (field) {
      case 'ltp': return { text: num(d.price, 2), raw: d.price, flagged: flags, title: flags };
      case 'iv':
        if (d.iv === null) return { text: '–', raw: null, title: d.ivStatus + (flags ? '\n' + flags : ''), flagged: flags };
        return { text: num(d.iv * 100, 2), raw: d.iv, flagged: flags,
          title: 'IV ' + num(d.iv * 100, 2) + ' % · IV of the mid ' + (d.ivMid === null || d.ivMid === undefined ? '–' : num(d.ivMid * 100, 2) + ' %')
            + (flags ? '\n' + flags : '') };
      case 'delta': return { text: num(g.delta, 3), raw: g.delta };
      case 'gamma': return { text: num(g.gamma, 5), raw: g.gamma };
      case 'theta': return { text: num(g.theta, 2), raw: g.theta };
      case 'vega': return { text: num(g.vega, 2), raw: g.vega };
      case 'oi': return { text: big(d.oi), raw: d.oi };
      case 'oiChange': return d.oiChange === null || d.oiChange === undefined ? { text: '–', raw: null } : { text: signedBig(d.oiChange), raw: d.oiChange };
    }
    return { text: '–', raw: null };
  }

  // ---- data intake -------------------------------------------------------------------------
  function onGreeks(d) {
    if (!d || !d.instrumentKey) return;
    var held = greeks.get(d.instrumentKey);
    if (held && (held.exchangeTimeMs > d.exchangeTimeMs ||
        (held.exchangeTimeMs === d.exchangeTimeMs && held.sequence >= d.sequence))) return;   // newest wins
    greeks.set(d.instrumentKey, d);
    var bySymbol = chains.get(d.symbol);
    if (!bySymbol) { bySymbol = new Map(); chains.set(d.symbol, bySymbol); dirty.selectors = true; }
    var byExpiry = bySymbol.get(d.expiry);
    if (!byExpiry) { byExpiry = new Map(); bySymbol.set(d.expiry, byExpiry); dirty.selectors = true; }
    var row = byExpiry.get(d.strike);
    if (!row) { row = {}; byExpiry.set(d.strike, row); }
    row[d.type] = d;
    lastUpdateAt = Date.now();
    updateCount++;
    if (d.symbol === selected.symbol && d.expiry === selected.expiry) { dirty.chain = dirty.cards = dirty.chart = true; }
  }
  function onPcr(d) { if (d && d.symbol) { pcrByKey.set(d.symbol + '|' + d.expiry, d); dirty.cards = true; } }
  function onOi(d) { if (d && d.symbol) { oiByKey.set(d.symbol + '|' + d.expiry, d); dirty.cards = dirty.chain = true; } }
  function onAnalytics(d) {
    if (!d || !d.symbol) return;
    analyticsByKey.set(d.symbol + '|' + d.expiry, d);
    if (d.symbol === selected.symbol) dirty.analytics = true;
  }
  function onFeed(d) { if (d && d.state) { feed = d; renderFeed(); } }
  function onCluster(d) {
    if (!d) return;
    el('cluster').textContent = d.clustered ? d.members + (d.members === 1 ? ' node' : ' nodes') : 'local';
  }

  // ---- event bus ---------------------------------------------------------------------------
  // ?transports=xhr-streaming,xhr-polling limits SockJS to those transports (default: WebSocket first, then
  // the fallbacks a proxy may leave open); the transport in use shows on the bus badge's tooltip
  function transports() {
    var m = /[?&]transports=([^&#]*)/.exec(location.search);
    return m ? decodeURIComponent(m[1]).split(',').filter(function (t) { return t; }) : null;
  }
  function connect() {
    var url = '/eventbus' + (token ? '?token=' + encodeURIComponent(token) : '');
    var options = { vertxbus_reconnect_delay_max: 4000 };
    if (transports()) options.transports = transports();
    eb = new EventBus(url, options);
    eb.enableReconnect(true);
    setBus('CONNECTING');
    eb.onopen = function () {
      // the client drops its handlers whenever the socket closes: register again on every (re)open
      setBus('OPEN');
      var transport = eb.sockJSConn && eb.sockJSConn.transport;
      el('bus-state').dataset.transport = transport || '';
      el('bus-state').title = transport ? 'SockJS transport: ' + transport : '';
      register(ADDR.greeks, onGreeks);
      register(ADDR.pcr, onPcr);
      register(ADDR.oi, onOi);
      register(ADDR.analytics, onAnalytics);
      register(ADDR.feed, onFeed);
      register(ADDR.cluster, onCluster);
    };
    eb.onclose = function () { setBus('RECONNECTING'); };
    eb.onerror = function (err) { if (window.console) console.warn('event bus error', err); };
  }
  function register(address, fn) {
    eb.registerHandler(address, function (err, msg) { if (!err && msg) fn(msg.body); });
  }
  function setBus(state) {
    var b = el('bus-state');
    b.textContent = state === 'OPEN' ? 'CONNECTED' : state;
    b.className = 'badge state-' + state;
  }

  // ---- token -------------------------------------------------------------------------------
  function withToken(path) { return token ? path + (path.indexOf('?') < 0 ? '?' : '&') + 'token=' + encodeURIComponent(token) : path; }
  function start() {
    fetch(withToken('/api/status')).then(function (r) {
      if (r.status === 401) {
        var entered = window.prompt('This gateway needs its access token (GATEWAY_TOKEN):', '');
        if (entered) {
          token = entered.trim();
          sessionStorage.setItem(TOKEN_KEY, token);
          return fetch(withToken('/api/status')).then(function (r2) {
            if (r2.status === 401) { sessionStorage.removeItem(TOKEN_KEY); throw new Error('unauthorized'); }
            return r2.json();
          });
        }
        throw new Error('unauthorized');
      }
      return r.json();
    }).then(function (status) {
      if (status && status.feed) onFeed(status.feed);
      if (status && status.cluster) onCluster(status.cluster);
      connect();
    }).catch(function (e) {
      if (String(e && e.message) === 'unauthorized') {
        setBus('UNAUTHORIZED');
        el('chain-empty').textContent = 'Access token required: reload the page to enter GATEWAY_TOKEN.';
      } else {
        connect();
      }
    });
  }

  // ---- rendering ---------------------------------------------------------------------------
  function el(id) { return document.getElementById(id); }

  function renderSelectors() {
    var symSel = el('symbol'), expSel = el('expiry');
    var symbols = Array.from(chains.keys()).sort();
    if (!selected.symbol || !chains.has(selected.symbol)) {
      var hash = decodeURIComponent(location.hash.replace(/^#/, '')).split('/');
      selected.symbol = chains.has(hash[0]) ? hash[0] : (chains.has('NIFTY') ? 'NIFTY' : symbols[0] || null);
      if (hash[1]) selected.expiry = hash[1];
    }
    fillSelect(symSel, symbols, selected.symbol);
    renderTabs(symbols);
    var expiries = selected.symbol ? Array.from(chains.get(selected.symbol).keys()).sort() : [];
    if (!selected.expiry || expiries.indexOf(selected.expiry) < 0) selected.expiry = expiries[0] || null;
    fillSelect(expSel, expiries, selected.expiry);
  }
  function byUnderlyingOrder(a, b) {
    var ia = UNDERLYING_ORDER.indexOf(a), ib = UNDERLYING_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a < b ? -1 : a > b ? 1 : 0);
  }
  function renderTabs(symbols) {
    var tabs = el('tabs'), ordered = symbols.slice().sort(byUnderlyingOrder);
    if (tabs.dataset.symbols !== ordered.join(',')) {
      tabs.innerHTML = '';
      ordered.forEach(function (sym) {
        var b = document.createElement('button');
        b.type = 'button'; b.textContent = sym; b.dataset.symbol = sym;
        b.addEventListener('click', function () { select(sym, firstExpiry(sym)); });
        tabs.appendChild(b);
      });
      tabs.dataset.symbols = ordered.join(',');
    }
    Array.prototype.forEach.call(tabs.children, function (b) { b.classList.toggle('active', b.dataset.symbol === selected.symbol); });
  }
  function firstExpiry(symbol) { return Array.from((chains.get(symbol) || new Map()).keys()).sort()[0] || null; }
  function fillSelect(sel, values, current) {
    var existing = Array.from(sel.options).map(function (o) { return o.value; });
    if (existing.join(',') !== values.join(',')) {
      sel.innerHTML = '';
      values.forEach(function (v) { var o = document.createElement('option'); o.value = o.textContent = v; sel.appendChild(o); });
    }
    if (current) sel.value = current;
  }
  function select(symbol, expiry) {
    selected.symbol = symbol; selected.expiry = expiry;
    location.hash = encodeURIComponent(symbol) + '/' + encodeURIComponent(expiry || '');
    renderedStrikes = '';
    strikeView = null;
    el('strike-history').hidden = true;
    dirty.selectors = dirty.chain = dirty.cards = dirty.chart = dirty.analytics = true;
  }

  function currentChain() {
    var bySymbol = selected.symbol && chains.get(selected.symbol);
    return bySymbol && selected.expiry ? bySymbol.get(selected.expiry) : null;
  }
  function currentKey() { return selected.symbol + '|' + selected.expiry; }

  /** ATM: the pcr leader's atmStrike when known, else the strike nearest to the forward. */
  function atmStrike(chain, strikes) {
    var oi = oiByKey.get(currentKey()), p = pcrByKey.get(currentKey());
    if (oi && oi.atmStrike !== null && oi.atmStrike !== undefined && chain.has(oi.atmStrike)) return oi.atmStrike;
    if (p && p.atmStrike !== null && p.atmStrike !== undefined && chain.has(p.atmStrike)) return p.atmStrike;
    var ref = reference(chain);
    if (ref === null) return null;
    var best = null;
    strikes.forEach(function (k) { if (best === null || Math.abs(k - ref) < Math.abs(best - ref)) best = k; });
    return best;
  }
  function reference(chain) {
    var latest = null;
    chain.forEach(function (row) {
      ['CE', 'PE'].forEach(function (t) {
        var d = row[t];
        if (d && (latest === null || d.exchangeTimeMs > latest.exchangeTimeMs)) latest = d;
      });
    });
    if (!latest) return null;
    return latest.forward !== null && latest.forward !== undefined ? latest.forward : latest.underlyingPrice;
  }

  function buildRows(strikes) {
    var tbody = document.querySelector('#chain tbody');
    tbody.innerHTML = '';
    rowsByStrike.clear();
    strikes.forEach(function (k) {
      var tr = document.createElement('tr');
      tr.dataset.strike = k;
      var entry = { tr: tr, ce: {}, pe: {}, strikeTd: null };
      CE_FIELDS.forEach(function (f) {
        var td = document.createElement('td'); td.className = 'ce-' + f + (f === 'ltp' ? ' ltp' : '');
        td.dataset.side = 'CE'; td.dataset.field = f; td.textContent = '–';
        tr.appendChild(td); entry.ce[f] = td;
      });
      var s = document.createElement('td'); s.className = 'strike'; s.textContent = strikeText(k);
      tr.appendChild(s); entry.strikeTd = s;
      PE_FIELDS.forEach(function (f) {
        var td = document.createElement('td'); td.className = 'pe-' + f + (f === 'ltp' ? ' ltp' : '');
        td.dataset.side = 'PE'; td.dataset.field = f; td.textContent = '–';
        tr.appendChild(td); entry.pe[f] = td;
      });
      tbody.appendChild(tr);
      rowsByStrike.set(k, entry);
    });
  }

  function setCell(td, field, value, itm) {
    if (td.textContent !== value.text) {
      var prev = td._raw;
      td.textContent = value.text;
      td._raw = value.raw;
      if (prev !== undefined && prev !== null && value.raw !== null && td.animate) {
        var up = value.raw > prev;
        td.animate([{ backgroundColor: up ? 'rgba(63,178,127,.28)' : 'rgba(229,103,107,.28)' }, { backgroundColor: 'rgba(0,0,0,0)' }],
          { duration: 550, easing: 'ease-out' });
      }
    }
    var cls = td.className.replace(/ (pos|neg|na|ce-itm|pe-itm|flagged)/g, '');
    if (value.flagged) cls += ' flagged';
    if (field === 'oiChange' && value.raw !== null) cls += value.raw > 0 ? ' pos' : value.raw < 0 ? ' neg' : '';
    if (value.raw === null) cls += ' na';
    if (itm) cls += ' ' + itm;
    if (td.className !== cls) td.className = cls;
    td.title = value.title || '';
  }

  function renderChain() {
    var chain = currentChain();
    if (!chain || chain.size === 0) { el('chain-empty').style.display = ''; return; }
    el('chain-empty').style.display = 'none';
    var strikes = Array.from(chain.keys()).sort(function (a, b) { return a - b; });
    var key = strikes.join(',');
    var rebuilt = false;
    if (key !== renderedStrikes) { buildRows(strikes); renderedStrikes = key; rebuilt = true; }
    var atm = atmStrike(chain, strikes);
    var ref = reference(chain);
    strikes.forEach(function (k) {
      var row = chain.get(k), entry = rowsByStrike.get(k);
      var ceItm = ref !== null && k < ref ? 'ce-itm' : null, peItm = ref !== null && k > ref ? 'pe-itm' : null;
      CE_FIELDS.forEach(function (f) { setCell(entry.ce[f], f, cellValue(f, row.CE), ceItm); });
      PE_FIELDS.forEach(function (f) { setCell(entry.pe[f], f, cellValue(f, row.PE), peItm); });
      var isAtm = k === atm;
      if (entry.tr.classList.contains('atm') !== isAtm) entry.tr.classList.toggle('atm', isAtm);
    });
    if (rebuilt && atm !== null) {
      var atmRow = rowsByStrike.get(atm);
      var scroller = document.querySelector('.chain-scroll');
      if (atmRow) scroller.scrollTop = Math.max(0, atmRow.tr.offsetTop - scroller.clientHeight / 2);
    }
    el('chain-caption').textContent = selected.symbol + ' · ' + selected.expiry + ' · ' + strikes.length + ' strikes';
  }

  function renderCards() {
    var chain = currentChain();
    var latest = null;
    if (chain) chain.forEach(function (row) { ['CE', 'PE'].forEach(function (t) { var d = row[t]; if (d && (!latest || d.exchangeTimeMs > latest.exchangeTimeMs)) latest = d; }); });
    el('spot').textContent = latest ? num(latest.underlyingPrice, 2) : '–';
    el('forward').textContent = latest ? 'fwd ' + num(latest.forward, 2) + ' · ' + String(latest.forwardSource || '?').toLowerCase() : 'forward –';
    el('tte').textContent = latest && latest.timeToExpiry !== null ? 'time to expiry ' + num(latest.timeToExpiry * 365, 2) + ' days' : 'time to expiry –';
    var strikes = chain ? Array.from(chain.keys()) : [];
    var atm = chain ? atmStrike(chain, strikes) : null;
    el('atm').textContent = atm === null ? '–' : strikeText(atm);
    var atmRow = atm !== null && chain ? chain.get(atm) : null;
    var ivs = atmRow ? ['CE', 'PE'].map(function (t) { return atmRow[t] && atmRow[t].iv; }).filter(function (v) { return v !== null && v !== undefined; }) : [];
    el('atm-iv').textContent = ivs.length ? num(100 * ivs.reduce(function (a, b) { return a + b; }, 0) / ivs.length, 2) + ' %' : '–';
    var p = pcrByKey.get(currentKey());
    el('pcr-oi').textContent = p ? num(p.pcr, 3) : '–';
    el('pcr-window').textContent = p ? 'window ' + strikeText(p.strikeFrom) + ' – ' + strikeText(p.strikeTo) : 'window –';
    el('pcr-vol').textContent = p && p.volumePcr !== undefined ? num(p.volumePcr, 3) : '–';
    el('pcr-all').textContent = p && p.allStrikesPcr !== undefined && p.allStrikesPcr !== null ? 'all strikes OI ' + num(p.allStrikesPcr, 3) : 'all strikes –';
    var oi = oiByKey.get(currentKey());
    var maxPain = oi && oi.maxPain !== null && oi.maxPain !== undefined ? oi.maxPain : (p && p.maxPain !== undefined ? p.maxPain : null);
    el('max-pain').textContent = maxPain === null || maxPain === undefined ? '–' : strikeText(maxPain);
    el('oi-totals').textContent = p ? 'CE OI ' + big(p.totalCeOi) + ' · PE OI ' + big(p.totalPeOi) : 'CE OI – · PE OI –';
    renderOiBars(oi, atm);
  }

  function renderOiBars(oi, atm) {
    var box = el('oi-bars');
    if (!oi || !oi.strikes || !oi.strikes.length) { box.innerHTML = '<div class="muted" style="grid-column: 1 / 4">Waiting for OI…</div>'; return; }
    var rows = oi.strikes.slice().sort(function (a, b) { return a.strike - b.strike; });
    var max = 1;
    rows.forEach(function (r) { max = Math.max(max, r.ceOi || 0, r.peOi || 0); });
    var html = '';
    rows.forEach(function (r) {
      var ce = Math.round(100 * (r.ceOi || 0) / max), pe = Math.round(100 * (r.peOi || 0) / max);
      html += '<div class="st' + (r.strike === atm ? ' atm' : '') + '">' + strikeText(r.strike) + '</div>' +
        '<div class="cell-ce" title="CE OI ' + big(r.ceOi) + '"><div class="bar-ce" style="width:' + ce + '%"></div></div>' +
        '<div class="cell-pe" title="PE OI ' + big(r.peOi) + '"><div class="bar-pe" style="width:' + pe + '%"></div></div>';
    });
    var firstFill = !box.dataset.filled;
    box.innerHTML = html;
    if (firstFill) {
      box.dataset.filled = '1';
      var atmLabel = box.querySelector('.st.atm');
      if (atmLabel) box.scrollTop = Math.max(0, atmLabel.offsetTop - box.offsetTop - box.clientHeight / 2);
    }
  }

  function renderChart() {
    var chain = currentChain();
    var box = el('smile');
    var strikes = chain ? Array.from(chain.keys()).sort(function (a, b) { return a - b; }) : [];
    var ce = strikes.map(function (k) { var d = chain.get(k).CE; return d && d.iv !== null ? +(d.iv * 100).toFixed(3) : null; });
    var pe = strikes.map(function (k) { var d = chain.get(k).PE; return d && d.iv !== null ? +(d.iv * 100).toFixed(3) : null; });
    var data = [strikes, ce, pe];
    var width = Math.max(260, box.clientWidth || 310);
    if (!chart || chart._w !== width) {
      if (chart) chart.destroy();
      chart = new uPlot({
        width: width, height: 220,
        scales: { x: { time: false } },
        legend: { live: true },
        cursor: { drag: { x: false, y: false } },
        axes: [
          { stroke: '#8b98a9', grid: { stroke: 'rgba(139,152,169,.12)' }, ticks: { stroke: 'rgba(139,152,169,.2)' } },
          { stroke: '#8b98a9', grid: { stroke: 'rgba(139,152,169,.12)' }, ticks: { stroke: 'rgba(139,152,169,.2)' },
            values: function (u, vals) { return vals.map(function (v) { return v.toFixed(1); }); }, size: 46 }
        ],
        series: [
          { label: 'Strike' },
          { label: 'CE IV %', stroke: '#3fb27f', width: 2, points: { size: 5, fill: '#3fb27f' }, spanGaps: true },
          { label: 'PE IV %', stroke: '#e5676b', width: 2, points: { size: 5, fill: '#e5676b' }, spanGaps: true }
        ]
      }, data, box);
      chart._w = width;
    } else {
      chart.setData(data);
    }
  }

  // ---- chain analytics: straddle, wings, GEX, term structure, smiles --------------------------
  function pct(v, digits) { return v === null || v === undefined ? '–' : num(100 * v, digits); }
  function analyticsOfSymbol(symbol) {
    var list = [];
    analyticsByKey.forEach(function (a) { if (a.symbol === symbol) list.push(a); });
    return list.sort(function (a, b) { return a.expiry < b.expiry ? -1 : 1; });
  }

  function renderAnalytics() {
    var a = analyticsByKey.get(currentKey());
    var st = a && a.straddle;
    el('straddle').textContent = st ? '₹' + num(st.price, 2) : '–';
    el('straddle-s').textContent = st ? 'at ' + strikeText(st.strike) + ' · CE ' + num(st.call, 2) + ' + PE ' + num(st.put, 2) : 'strike –';
    el('implied-move').textContent = st ? '±' + num(st.impliedMovePercent, 2) + ' %' : '–';
    el('implied-move-s').textContent = st ? '±' + num(st.impliedMovePoints, 0) + ' pts · break-evens ' + num(st.lowerBreakeven, 0)
      + ' – ' + num(st.upperBreakeven, 0) : 'break-evens –';
    el('rr25').textContent = a && a.rr25 !== null ? pct(a.rr25, 2) + ' vol' : '–';
    el('bf25').textContent = a ? 'butterfly ' + (a.bf25 === null ? '–' : pct(a.bf25, 2) + ' vol') + ' · ATM IV ' + pct(a.atmIv, 2) + ' %' : 'butterfly –';
    el('gex-total').textContent = a && a.gex ? '₹' + big(a.gex.total) : '–';
    el('gex-flip').textContent = a && a.gex ? 'zero gamma ' + (a.gex.flip === null ? 'none within ±' + num(a.gex.flipRangePct, 0) + ' %' : num(a.gex.flip, 0)) : 'zero gamma –';
    el('gex-convention').textContent = a && a.gex ? '(' + a.gex.convention + ')' : '';
    var all = analyticsOfSymbol(selected.symbol);
    el('analytics-caption').textContent = all.length ? selected.symbol + ' · ' + all.length + ' expiries' : 'waiting for chain analytics…';
    renderTerm(all);
    renderSmiles(all);
    renderGex(a);
  }

  function axisStyle() { return { stroke: '#8b98a9', grid: { stroke: 'rgba(139,152,169,.12)' }, ticks: { stroke: 'rgba(139,152,169,.2)' } }; }

  function renderTerm(all) {
    var points = all.filter(function (a) { return a.atmIv !== null && a.timeToExpiry !== null; });
    var days = points.map(function (a) { return +(a.timeToExpiry * 365).toFixed(3); });
    var ivs = points.map(function (a) { return +(100 * a.atmIv).toFixed(3); });
    var box = el('term'), data = [days, ivs];
    if (!termChart) {
      termChart = new uPlot({
        width: Math.max(240, box.clientWidth || 300), height: 200, scales: { x: { time: false } }, legend: { live: true },
        cursor: { drag: { x: false, y: false } }, axes: [axisStyle(), Object.assign({ size: 46 }, axisStyle())],
        series: [{ label: 'days' }, { label: 'ATM IV %', stroke: '#f2c14e', width: 2, points: { size: 7, fill: '#f2c14e' } }]
      }, data, box);
    } else {
      termChart.setData(data);
    }
    box.dataset.points = points.length;
  }

  function renderSmiles(all) {
    var strikeSet = new Set();
    all.forEach(function (a) { (a.strikes || []).forEach(function (r) { strikeSet.add(r.strike); }); });
    var strikes = Array.from(strikeSet).sort(function (x, y) { return x - y; });
    var data = [strikes];
    var withSmile = 0;
    all.forEach(function (a) {
      var byStrike = new Map();
      (a.strikes || []).forEach(function (r) { byStrike.set(r.strike, r.smileIv); });
      var series = strikes.map(function (k) { var v = byStrike.get(k); return v === null || v === undefined ? null : +(100 * v).toFixed(3); });
      if (series.some(function (v) { return v !== null; })) withSmile++;
      data.push(series);
    });
    var box = el('smiles'), shape = selected.symbol + ':' + all.map(function (a) { return a.expiry; }).join(',');
    if (!smilesChart || smilesShape !== shape) {
      if (smilesChart) smilesChart.destroy();
      box.innerHTML = '';
      smilesChart = new uPlot({
        width: Math.max(240, box.clientWidth || 300), height: 200, scales: { x: { time: false } }, legend: { live: true },
        cursor: { drag: { x: false, y: false } }, axes: [axisStyle(), Object.assign({ size: 46 }, axisStyle())],
        series: [{ label: 'strike' }].concat(all.map(function (a, i) {
          return { label: a.expiry, stroke: EXPIRY_COLOURS[i % EXPIRY_COLOURS.length], width: a.expiry === selected.expiry ? 3 : 1.5, spanGaps: true };
        }))
      }, data, box);
      smilesShape = shape;
    } else {
      smilesChart.setData(data);
    }
    box.dataset.series = withSmile;
  }

  function renderGex(a) {
    var box = el('gex');
    if (!a || !a.strikes || !a.strikes.length) { box.innerHTML = '<div class="muted">Waiting for gamma exposure…</div>'; box.dataset.strikes = 0; return; }
    var max = 1;
    a.strikes.forEach(function (r) { max = Math.max(max, Math.abs(r.gex || 0)); });
    var flip = a.gex ? a.gex.flip : null, html = '', flipShown = flip === null;
    var rows = a.strikes.slice().sort(function (x, y) { return y.strike - x.strike; });
    rows.forEach(function (r) {
      if (!flipShown && r.strike < flip) {
        html += '<div class="gex-flip" title="zero-gamma level">zero gamma ' + num(flip, 0) + '</div>';
        flipShown = true;
      }
      var w = Math.round(100 * Math.abs(r.gex || 0) / max);
      html += '<div class="gex-row" title="' + strikeText(r.strike) + ': ₹' + big(r.gex) + ' per 1 % move (CE ' + big(r.callGex) + ', PE ' + big(r.putGex) + ')">'
        + '<div class="st">' + strikeText(r.strike) + '</div>'
        + '<div class="neg">' + (r.gex < 0 ? '<div class="bar-neg" style="width:' + w + '%"></div>' : '') + '</div>'
        + '<div class="pos">' + (r.gex > 0 ? '<div class="bar-pos" style="width:' + w + '%"></div>' : '') + '</div></div>';
    });
    if (!flipShown) html += '<div class="gex-flip">zero gamma ' + num(flip, 0) + '</div>';
    box.innerHTML = html;
    box.dataset.strikes = rows.length;
  }

  function renderFeed() {
    // any source but real Upstox data gets a banner that cannot be closed
    var simulated = !!(feed && feed.source && feed.source !== 'upstox');
    var banner = el('source-banner');
    banner.hidden = !simulated;
    banner.textContent = simulated ? 'SIMULATED DATA (' + feed.source + '): not market prices; do not trade on them' : '';
    document.body.classList.toggle('simulated', simulated);
    var state = feed ? feed.state : 'UNKNOWN';
    var badge = el('feed-state');
    badge.textContent = state === 'UNKNOWN' ? '…' : state;
    badge.className = 'badge state-' + state;
    badge.title = feed && feed.reason ? feed.reason : '';
    var last = Math.max(feed && feed.lastTickAtMs ? feed.lastTickAtMs : 0, lastUpdateAt);
    el('feed-age').textContent = last ? 'last tick ' + ageText(Date.now() - last) : 'no tick yet';
    var market = feed && feed.marketStatus ? (feed.marketStatus.NSE_FO || Object.values(feed.marketStatus)[0]) : null;
    el('market-status').textContent = market ? 'market ' + market : '';
    if (window.optionstreamReplay) { window.optionstreamReplay.onFeedStatus(feed); }
  }

  // ---- intraday history: loaded from /api/history, extended live --------------------------
  var IST_OFFSET_MS = 19800000, DAY_MS = 86400000;
  var intraday = null;               // {key, t: [], atmIv: [], straddle: [], spot: [], pcr: [], historyPoints, livePoints, loading}
  var intradayCharts = {};           // element id -> uPlot
  var strikeView = null;             // {key, label, t: [], iv: [], price: [], chart}

  /** Newest exchange time of the selected chain (the simulator's clock or the exchange's), else the browser's. */
  function chainNow() {
    var chain = currentChain(), newest = 0;
    if (chain) chain.forEach(function (row) { ['CE', 'PE'].forEach(function (t) { if (row[t] && row[t].exchangeTimeMs > newest) newest = row[t].exchangeTimeMs; }); });
    return newest || Date.now();
  }
  function istDayStart(ms) { return Math.floor((ms + IST_OFFSET_MS) / DAY_MS) * DAY_MS - IST_OFFSET_MS; }
  function historyUrl(question, params) {
    var q = Object.keys(params).map(function (k) { return k + '=' + encodeURIComponent(params[k]); }).join('&');
    return withToken('/api/history/' + question + '?' + q);
  }
  function getJson(url) {
    return fetch(url).then(function (r) {
      return r.json().then(function (body) { if (!r.ok) throw new Error(body && body.error || ('HTTP ' + r.status)); return body; });
    });
  }

  /** The live ATM figures of the selected chain now: {t, atmIv, straddle, spot, pcr} or null. */
  function liveFigures() {
    var chain = currentChain();
    if (!chain || chain.size === 0) return null;
    var strikes = Array.from(chain.keys());
    var atm = atmStrike(chain, strikes), row = atm === null ? null : chain.get(atm);
    if (!row || !row.CE || !row.PE) return null;
    var ivs = [row.CE.iv, row.PE.iv].filter(function (v) { return v !== null && v !== undefined; });
    var p = pcrByKey.get(currentKey());
    return {
      t: chainNow(),
      atmIv: ivs.length ? 100 * ivs.reduce(function (a, b) { return a + b; }, 0) / ivs.length : null,
      straddle: row.CE.price !== null && row.PE.price !== null ? row.CE.price + row.PE.price : null,
      spot: row.CE.underlyingPrice,
      pcr: p && p.pcr !== undefined ? p.pcr : null
    };
  }

  /** The smallest of a few buckets that cuts the range into at most 600 (the charts stay light). */
  function bucketFor(rangeMs) {
    var choices = [[10000, '10s'], [30000, '30s'], [60000, '1m'], [120000, '2m'], [300000, '5m'], [600000, '10m']];
    for (var i = 0; i < choices.length; i++) if (rangeMs / choices[i][0] <= 600) return choices[i][1];
    return '15m';
  }

  /**
   * Loads today's ATM IV, straddle, spot and PCR: first an hourly PCR probe finds the first hour with data
   * (so a system started in the evening gets fine buckets), then the ATM and PCR series at that bucket.
   */
  function resetIntraday() {
    intraday = { key: currentKey(), t: [], atmIv: [], straddle: [], spot: [], pcr: [], historyPoints: 0, livePoints: 0, loading: true };
    var mine = intraday, now = chainNow(), dayStart = istDayStart(now), to = now + 60000, every = null;
    var base = { symbol: selected.symbol, expiry: selected.expiry };
    el('history-caption').textContent = 'loading history…';
    getJson(historyUrl('pcr', Object.assign({ from: dayStart, to: to, every: '1h' }, base))).then(function (probe) {
      var from = probe.points.length ? probe.points[0].t : dayStart;
      every = bucketFor(to - from);
      var params = Object.assign({ from: from, to: to, every: every }, base);
      return Promise.all([getJson(historyUrl('atm', params)), getJson(historyUrl('pcr', params))]);
    }).then(function (answers) {
      if (intraday !== mine) return;
      var pcrAt = new Map();
      answers[1].points.forEach(function (p) { pcrAt.set(p.t, p.pcr); });
      var lastPcr = null;
      answers[0].points.forEach(function (p) {
        if (pcrAt.has(p.t)) lastPcr = pcrAt.get(p.t);
        mine.t.push(p.t / 1000);
        mine.atmIv.push(p.atmIv === null ? null : 100 * p.atmIv);
        mine.straddle.push(p.straddle);
        mine.spot.push(p.spot);
        mine.pcr.push(lastPcr);
      });
      mine.historyPoints = mine.t.length;
      el('history-charts').dataset.every = every;
      el('history-caption').textContent = selected.symbol + ' · ' + selected.expiry + ' · ' + mine.historyPoints
        + ' points from history (every ' + every + '), then live';
    }).catch(function (e) {
      if (intraday !== mine) return;
      el('history-caption').textContent = 'history unavailable (' + e.message + '): live only';
    }).then(function () { mine.loading = false; renderIntraday(); });
  }

  /** Appends the live figures once the newest exchange time is a second past the last point. */
  function extendIntraday() {
    if (!intraday || intraday.loading || intraday.key !== currentKey()) return;
    var f = liveFigures();
    if (!f) return;
    var last = intraday.t.length ? intraday.t[intraday.t.length - 1] : 0;
    if (f.t / 1000 < last + 1) return;
    intraday.t.push(f.t / 1000);
    intraday.atmIv.push(f.atmIv);
    intraday.straddle.push(f.straddle);
    intraday.spot.push(f.spot);
    intraday.pcr.push(f.pcr);
    intraday.livePoints++;
  }

  function lineChart(box, series, height) {
    var width = Math.max(220, box.clientWidth || 300);
    var axis = { stroke: '#8b98a9', grid: { stroke: 'rgba(139,152,169,.12)' }, ticks: { stroke: 'rgba(139,152,169,.2)' } };
    return new uPlot({
      width: width, height: height,
      legend: { show: series.length > 1 }, cursor: { drag: { x: true, y: false } },
      scales: { x: { time: true } },
      axes: [axis, Object.assign({ size: 64 }, axis)].concat(series.length > 1 ? [Object.assign({ side: 1, scale: 'r', size: 64, grid: { show: false } }, axis)] : []),
      series: [{}].concat(series)
    }, series.map(function () { return []; }).concat([[]]), box);
  }

  function renderIntraday() {
    if (!intraday) return;
    var charts = [['chart-atm-iv', intraday.atmIv, '#f2c14e'], ['chart-straddle', intraday.straddle, '#5aa9ff'],
      ['chart-pcr', intraday.pcr, '#3fb27f'], ['chart-spot', intraday.spot, '#e6edf3']];
    charts.forEach(function (c) {
      var chart = intradayCharts[c[0]];
      if (!chart) chart = intradayCharts[c[0]] = lineChart(el(c[0]), [{ stroke: c[2], width: 2, spanGaps: true }], 150);
      chart.setData([intraday.t, c[1]]);
    });
    var box = el('history-charts');
    box.dataset.historyPoints = intraday.historyPoints;
    box.dataset.livePoints = intraday.livePoints;
  }

  // ---- one strike's history: click an option's cell ------------------------------------------
  function showStrike(d) {
    var now = chainNow();
    var label = d.symbol + ' ' + strikeText(d.strike) + ' ' + d.type + ' · ' + d.expiry;
    strikeView = { key: d.instrumentKey, t: [], iv: [], price: [], loading: true };
    var mine = strikeView;
    var panel = el('strike-history');
    panel.hidden = false;
    el('strike-history-title').textContent = label;
    var every = el('history-charts').dataset.every || '1m';
    getJson(historyUrl('greeks', { key: d.instrumentKey, from: istDayStart(now), to: now + 60000, every: every }))
      .then(function (answer) {
        if (strikeView !== mine) return;
        answer.points.forEach(function (p) {
          mine.t.push(p.t / 1000);
          mine.iv.push(p.iv === null ? null : 100 * p.iv);
          mine.price.push(p.price);
        });
      }).catch(function (e) {
        if (strikeView === mine) el('strike-history-title').textContent = label + ' (history unavailable: ' + e.message + ')';
      }).then(function () { mine.loading = false; renderStrike(); });
  }

  function extendStrike() {
    if (!strikeView || strikeView.loading) return;
    var d = greeks.get(strikeView.key);
    if (!d) return;
    var last = strikeView.t.length ? strikeView.t[strikeView.t.length - 1] : 0;
    if (d.exchangeTimeMs / 1000 < last + 1) return;
    strikeView.t.push(d.exchangeTimeMs / 1000);
    strikeView.iv.push(d.iv === null ? null : 100 * d.iv);
    strikeView.price.push(d.price);
  }

  function renderStrike() {
    if (!strikeView) return;
    if (!strikeView.chart) {
      el('chart-strike').innerHTML = '';
      strikeView.chart = lineChart(el('chart-strike'), [
        { label: 'IV %', stroke: '#f2c14e', width: 2, spanGaps: true },
        { label: 'Price ₹', stroke: '#5aa9ff', width: 2, spanGaps: true, scale: 'r' }], 200);
    }
    strikeView.chart.setData([strikeView.t, strikeView.iv, strikeView.price]);
    el('strike-history').dataset.points = strikeView.t.length;
  }

  document.querySelector('#chain tbody').addEventListener('click', function (e) {
    var td = e.target.closest('td[data-side]'), tr = td && td.closest('tr');
    var chain = currentChain();
    if (!td || !tr || !chain) return;
    var row = chain.get(Number(tr.dataset.strike));
    var d = row && row[td.dataset.side];
    if (d) showStrike(d);
    if (d) document.dispatchEvent(new CustomEvent('chain-cell', { detail: { option: d, field: td.dataset.field } }));
  });

  function intradayTick() {
    if (!selected.symbol || !selected.expiry || !currentChain()) return;
    if (!intraday || intraday.key !== currentKey()) resetIntraday();
    extendIntraday();
    extendStrike();
    renderIntraday();
    renderStrike();
  }

  function frame() {
    if (dirty.selectors) { dirty.selectors = false; renderSelectors(); dirty.chain = dirty.cards = dirty.chart = true; }
    if (dirty.chain) { dirty.chain = false; renderChain(); }
    if (dirty.cards) { dirty.cards = false; renderCards(); }
    renderFeed();
  }

  el('symbol').addEventListener('change', function (e) { select(e.target.value, firstExpiry(e.target.value)); });
  el('expiry').addEventListener('change', function (e) { select(selected.symbol, e.target.value); });
  window.addEventListener('resize', function () { dirty.chart = true; });

  setInterval(frame, RENDER_MS);
  setInterval(function () { if (dirty.analytics) { dirty.analytics = false; renderAnalytics(); } }, 500);
  setInterval(function () { if (dirty.chart) { dirty.chart = false; renderChart(); } }, 1000);
  setInterval(intradayTick, 1000);
  setInterval(function () { updateRate = updateCount; updateCount = 0; el('updates').textContent = updateRate + ' updates/s'; }, 1000);
  start();
})();
