// What the pages need beyond htmx's attributes. Everything here is an improvement for people with
// JavaScript on; every page works without it. Loaded as a file because the Content-Security-Policy
// refuses inline scripts.
(function () {
  'use strict';

  // Hints meant for readers without JavaScript are hidden by the stylesheet once this runs.
  document.documentElement.classList.add('js');

  function failureMessage() {
    return document.getElementById('request-failed');
  }

  function showFailure(text) {
    const message = failureMessage();
    if (message) {
      message.textContent = text;
      message.hidden = false;
    }
  }

  // htmx swaps nothing when a request fails (a 5xx, or no answer at all); without a word the
  // click would seem to do nothing.
  document.addEventListener('htmx:responseError', function (event) {
    showFailure('The node could not answer this request (status ' + event.detail.xhr.status
        + '). Nothing has changed on this page; please try again.');
  });
  document.addEventListener('htmx:sendError', function () {
    showFailure('The node could not be reached. Nothing has changed on this page; please try again.');
  });
  document.addEventListener('htmx:timeout', function () {
    showFailure('The node took too long to answer. Nothing has changed on this page; please try again.');
  });
  document.addEventListener('htmx:beforeRequest', function () {
    const message = failureMessage();
    if (message) {
      message.hidden = true;
    }
  });

  // Whether the element that had keyboard focus went with a swap, leaving it on the page itself.
  function focusLost() {
    const focused = document.activeElement;
    return !focused || focused === document.body || !focused.isConnected;
  }

  // "Show all" replaces its facet panel, link included. Focus goes to the first value it revealed,
  // where reading continues.
  let revealing = null;
  document.addEventListener('htmx:beforeRequest', function (event) {
    const link = event.detail.elt;
    const panel = link.classList && link.classList.contains('facet__more') ? link.closest('.facet') : null;
    revealing = panel ? {id: panel.id, shown: panel.querySelectorAll('.facet__option').length} : null;
  });
  document.addEventListener('htmx:afterSettle', function () {
    if (!revealing) {
      return;
    }
    const panel = document.getElementById(revealing.id);
    const options = panel ? panel.querySelectorAll('.facet__option') : [];
    const first = options[revealing.shown] || options[0];
    revealing = null;
    if (first && focusLost()) {
      first.focus();
    }
  });

  // A chip, "Clear all" or a pager link is replaced with the region it sat in, and the browser
  // would leave keyboard focus on the page itself. It goes to the results (or to the reason
  // the search could not run), where reading continues.
  document.addEventListener('htmx:afterSettle', function (event) {
    if (event.detail.target.id !== 'search-region') {
      return;
    }
    if (!focusLost()) {
      return;
    }
    const landing = document.getElementById('results-heading') || document.getElementById('problem-heading');
    if (landing) {
      landing.focus({preventScroll: true});
    }
  });
}());
