// Runs first in <body>: lets NHS.UK frontend styles know JavaScript is on.
document.body.classList.add("js-enabled");
if ("noModule" in HTMLScriptElement.prototype) {
  document.body.classList.add("nhsuk-frontend-supported");
}
