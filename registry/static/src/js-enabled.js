// Tells GOV.UK Frontend's styles that JavaScript runs here, and whether this browser runs its
// components (the check GOV.UK's page template makes inline; a file, so the CSP can forbid inline
// script). Loaded as a classic script first in <body>, before anything is drawn.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
