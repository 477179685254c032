"""Forms for the mediator's workspace, one module per page group."""
