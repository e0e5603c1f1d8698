"""Content model: the schema of articles and pages, the strict Markdown reader, and the checks of a build."""

from .plugin import register

__all__ = ["register"]
