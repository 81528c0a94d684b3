"""Charts for the kpis step (filled by its issue)."""
__all__: list[str] = []
