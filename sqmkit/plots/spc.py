"""Charts for the spc step (filled by its issue)."""
__all__: list[str] = []
