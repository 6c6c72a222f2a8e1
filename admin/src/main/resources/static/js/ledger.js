// The live ledger: new posts arrive over server-sent events and go on top of the table; the table
// keeps the last `data-shown` rows. Everything is written as text: nothing from the server is
// parsed as HTML.
(function () {
  'use strict';
  var table = document.getElementById('ledger');
  if (!table || !window.EventSource) return;
  var body = table.tBodies[0];
  var shown = parseInt(table.getAttribute('data-shown'), 10) || 100;
  var scales = {};
  try { scales = JSON.parse(table.getAttribute('data-scales')); } catch (e) { scales = {}; }
  var state = document.getElementById('live-state');
  var droppedNote = document.getElementById('live-dropped');
  var dropped = 0;

  function money(amount, currency) {
    var scale = scales[currency] === undefined ? 2 : scales[currency];
    var negative = amount < 0;
    var digits = String(Math.abs(amount)).padStart(scale + 1, '0');
    var whole = digits.slice(0, digits.length - scale).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    var fraction = scale > 0 ? '.' + digits.slice(digits.length - scale) : '';
    return (negative ? '-' : '') + whole + fraction + ' ' + currency;
  }
  function cell(text, cls) {
    var td = document.createElement('td');
    if (cls) td.className = cls;
    td.textContent = text;
    return td;
  }
  function row(e) {
    var tr = document.createElement('tr');
    tr.className = 'fresh';
    tr.appendChild(cell(String(e.entryId)));
    tr.appendChild(cell(e.createdAt.slice(0, 19).replace('T', ' ')));
    var kind = document.createElement('td');
    var code = document.createElement('code');
    code.textContent = e.kind;
    kind.appendChild(code);
    tr.appendChild(kind);
    var account = cell(String(e.accountId) + ' ');
    var type = document.createElement('small');
    type.className = 'muted';
    type.textContent = e.accountType;
    account.appendChild(type);
    tr.appendChild(account);
    var player = document.createElement('td');
    if (e.ownerId) {
      var a = document.createElement('a');
      a.href = '/players/' + encodeURIComponent(e.ownerId);
      a.textContent = e.ownerId.slice(0, 8) + '…';
      player.appendChild(a);
    }
    tr.appendChild(player);
    tr.appendChild(cell(money(e.amount, e.currency), 'num ' + (e.amount < 0 ? 'neg' : 'pos')));
    tr.appendChild(cell(money(e.balanceAfter, e.currency), 'num'));
    var ref = document.createElement('td');
    var small = document.createElement('small');
    small.textContent = e.idempotencyKey;
    ref.appendChild(small);
    tr.appendChild(ref);
    return tr;
  }

  var source = new EventSource(table.getAttribute('data-stream'));
  source.onopen = function () {
    state.textContent = 'live';
    state.className = 'status status-on';
  };
  source.onerror = function () {
    state.textContent = 'reconnecting…';
    state.className = 'status status-posting';
  };
  source.addEventListener('entry', function (message) {
    var e = JSON.parse(message.data);
    body.insertBefore(row(e), body.firstChild);
    while (body.rows.length > shown) body.deleteRow(body.rows.length - 1);
  });
  source.addEventListener('dropped', function (message) {
    dropped += JSON.parse(message.data).count;
    droppedNote.hidden = false;
    droppedNote.textContent = dropped + ' posts were skipped because this page fell behind; reload to catch up.';
  });
})();
