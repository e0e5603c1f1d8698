"""Charts computed at build time: inline SVG without JavaScript, accessible, coloured by the stylesheet."""

from .plugin import register

__all__ = ["register"]
