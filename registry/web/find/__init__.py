"""Find a SEND mediator: the public search page."""
