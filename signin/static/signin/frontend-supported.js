// Runs first thing in <body> (a file, not inline, for the Content-Security-Policy): tells
// GOV.UK Frontend's styles that JavaScript is on and the browser supports its modules.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
