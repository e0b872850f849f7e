// The dashboard's only script besides htmx. No inline handlers anywhere (strict CSP):
// behaviour hangs on data- attributes through delegated listeners, so swapped fragments work too.
(function () {
  'use strict';

  // <button data-copy="#addresses" data-copied="Copied 12 addresses">: one tap puts the text of
  // the target (a textarea or any element) on the clipboard.
  async function copy(button) {
    const source = document.querySelector(button.dataset.copy);
    if (!source) {
      return;
    }
    const text = 'value' in source ? source.value : source.textContent;
    let ok = false;
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        ok = true;
      } catch (e) {
        ok = false;
      }
    }
    if (!ok && typeof source.select === 'function') {
      // Fallback for plain-http origins: select the text and use the legacy copy command.
      source.focus();
      source.select();
      ok = document.execCommand('copy');
    }
    const label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    button.textContent = ok ? (button.dataset.copied || 'Copied') : 'Select and copy';
    window.setTimeout(function () { button.textContent = label; }, 2500);
  }

  document.addEventListener('click', function (event) {
    const button = event.target.closest('[data-copy]');
    if (button) {
      event.preventDefault();
      copy(button);
    }
  });

  // Shareable filter URLs: empty filters stay out of GET requests, and so out of the pushed URL.
  document.addEventListener('htmx:configRequest', function (event) {
    if (event.detail.verb !== 'get') {
      return;
    }
    const params = event.detail.parameters;
    for (const key of Object.keys(params)) {
      if (params[key] === '') {
        delete params[key];
      }
    }
  });

  // An htmx swap that fails (store down, network gone) says so instead of silently doing nothing.
  function flash(message) {
    const box = document.getElementById('flash');
    if (box) {
      box.textContent = message;
    }
  }

  document.addEventListener('htmx:responseError', function (event) {
    if (event.detail.elt && event.detail.elt.id === 'freshness') {
      return;
    }
    flash('Could not load that view (HTTP ' + event.detail.xhr.status + '). The read store may be unreachable; try again shortly.');
  });

  document.addEventListener('htmx:sendError', function () {
    flash('The dashboard is unreachable. Check the connection and try again.');
  });

  document.addEventListener('htmx:afterSwap', function () {
    flash('');
  });

  // The More menu (Components/Nav.razor) is a <details>: the browser opens and closes it with a tap,
  // Enter or Space. Escape closes it and returns focus to its summary; a tap outside closes it.
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') {
      return;
    }
    const menu = document.querySelector('details[data-menu][open]');
    if (menu) {
      menu.open = false;
      menu.querySelector('summary').focus();
    }
  });

  document.addEventListener('click', function (event) {
    for (const menu of document.querySelectorAll('details[data-menu][open]')) {
      if (!menu.contains(event.target)) {
        menu.open = false;
      }
    }
  });
})();
