"""build_report: what one Pelican run found and wrote, as one typed report (see README.md)."""

from .plugin import register

__all__ = ["register"]
