"""SEO and link previews: JSON-LD and Open Graph helpers for templates (the sitemap is written by sitebuild)."""

from .plugin import register

__all__ = ["register"]
