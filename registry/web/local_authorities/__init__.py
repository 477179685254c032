"""Public pages of the local authorities: the list, a page for each, its Atom feed and email alerts."""
