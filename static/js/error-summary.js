// After a validation error, move focus to the error summary so screen readers announce it first.
// The summary also carries `autofocus` and tabindex="-1", so browsers that honour autofocus on any
// focusable element do the same without this script; this file covers the others. No inline script:
// the Content-Security-Policy allows scripts from this site only.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary && document.activeElement !== summary) {
    summary.focus();
  }
});
