"""Activity data: figures computed from the articles (counts per kind, delivered items), never typed twice."""

from .plugin import register

__all__ = ["register"]
