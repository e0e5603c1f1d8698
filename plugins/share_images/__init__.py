"""Share images: one 1200 × 630 PNG per page and language, for link previews (Open Graph, Twitter)."""

from .plugin import register

__all__ = ["register"]
