// Progressive enhancement only: every page works without JavaScript.
//
// Tells GOV.UK Frontend's styles and components that JavaScript runs here (the check GOV.UK's page
// template makes with an inline script, which the Content-Security-Policy forbids). A module runs
// after the page is drawn, so nothing may depend on these classes for the first paint: what must look
// different with JavaScript from the start uses `@media (scripting: enabled)` (register.scss).
document.body.classList.add('js-enabled', 'govuk-frontend-supported')

// GOV.UK Frontend's address is fingerprinted (registry/web/static_files.py), so the page gives it
// rather than a relative import.
const script = document.querySelector('script[data-govuk-frontend]')
import(script.dataset.govukFrontend).then(({ initAll }) => initAll())
