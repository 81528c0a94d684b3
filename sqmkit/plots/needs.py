"""Charts for the needs step (filled by its issue)."""
__all__: list[str] = []
