"""Charts for the pdca step (filled by its issue)."""
__all__: list[str] = []
