"""Charts for the health step (filled by its issue)."""
__all__: list[str] = []
