/*
 * The REPLAY badge: while the feed plays a recorded session (feed.status source "replay"), a badge next to the
 * brand shows the replayed clock (IST, the receive time of the last record played), the speed, and whether the
 * replay ended; the source banner says the data is a replay. app.js calls onFeedStatus with the current
 * feed.status body each time it draws the feed's state (every animation frame), so writes happen only on change.
 */
(function () {
  'use strict';
  var badge = null;

  function ensureBadge() {
    if (badge) { return badge; }
    var style = document.createElement('style');
    style.textContent = '.replay-badge { margin-left: 12px; padding: 2px 10px; border-radius: 4px; font-weight: 700;'
      + ' letter-spacing: .04em; background: #7b1fa2; color: #fff; font-variant-numeric: tabular-nums; }'
      + '.replay-badge[hidden] { display: none; }';
    document.head.appendChild(style);
    badge = document.createElement('span');
    badge.id = 'replay-badge';
    badge.className = 'replay-badge';
    badge.setAttribute('role', 'status');
    var brand = document.querySelector('.bar .brand');
    brand.parentNode.insertBefore(badge, brand.nextSibling);
    return badge;
  }

  function setText(node, text) {
    if (node.textContent !== text) { node.textContent = text; }
  }

  /** hh:mm:ss in IST of epoch ms. */
  function istClock(ms) {
    return new Date(ms + 5.5 * 3600 * 1000).toISOString().substring(11, 19);
  }

  window.optionstreamReplay = {
    onFeedStatus: function (status) {
      var replay = status && status.source === 'replay' ? status.replay : null;
      if (!replay) {
        if (badge) { badge.hidden = true; }
        return;
      }
      var b = ensureBadge();
      b.hidden = false;
      setText(b, 'REPLAY ' + (replay.positionMs ? istClock(replay.positionMs) + ' IST' : '–')
        + ' ×' + replay.speed + (replay.done ? ' · ended' : ''));
      b.title = replay.journal + ' (recorded from ' + replay.recordedSource + '): ' + replay.records + ' records played'
        + (replay.position ? ', up to ' + replay.position : '')
        + (replay.damaged ? ', ' + replay.damaged + ' damaged stretches skipped' : '');
      var banner = document.getElementById('source-banner');
      if (banner) {
        setText(banner, 'REPLAY of a session recorded from ' + replay.recordedSource
          + ': not live prices; do not trade on them');
      }
    }
  };
})();
