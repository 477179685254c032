"""The training provider's workspace: submit programmes and new versions, follow decisions, record completions."""
