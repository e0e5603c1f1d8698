"""photos: editors' photos published responsive and without metadata (see README.md)."""

from .plugin import register

__all__ = ["register"]
