"""Parley: self-hosted reader comments for news publishers."""

__version__ = "0.1.0"
