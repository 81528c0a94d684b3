"""Charts for the satisfaction step (filled by its issue)."""
__all__: list[str] = []
