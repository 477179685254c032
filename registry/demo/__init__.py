"""Demo data for development (placeholder until the demo loader lands)."""


def load_demo_data(mediator_count: int = 60) -> str:
    return "No demo data yet."
