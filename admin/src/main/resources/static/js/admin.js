// The back office's only page script (no inline scripts: the CSP forbids them).
(function () {
  'use strict';
  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') : null;
  }
  // htmx requests carry the CSRF token in its header.
  document.addEventListener('htmx:configRequest', function (e) {
    var header = meta('csrf-header');
    var token = meta('csrf-token');
    if (header && token) {
      e.detail.headers[header] = token;
    }
  });
  // Forms marked data-confirm ask before they send.
  document.addEventListener('submit', function (e) {
    var form = e.target;
    var question = form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      e.preventDefault();
    }
  }, true);
})();
