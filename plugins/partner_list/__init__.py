"""partner_list: partners as first-class content for Pelican sites (see README.md)."""

from .partner_list import register

__all__ = ["register"]
