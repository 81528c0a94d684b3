"""Charts for the rootcause step (filled by its issue)."""
__all__: list[str] = []
