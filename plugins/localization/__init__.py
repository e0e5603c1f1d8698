"""Localization: dates, numbers and counted items per language (Babel), and gettext in templates."""

from .plugin import register

__all__ = ["register"]
