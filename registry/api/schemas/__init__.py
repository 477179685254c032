"""marshmallow schemas at the API edge: ``common`` (problems, pages), ``public`` (anyone may see
every field) and ``privileged`` (a local authority's own keyed data). A public schema lists only
public fields, explicitly: no private contact details, no event reasons, no actors. ``shown`` checks
each against the field registry (``registry.domain.visibility``)."""
