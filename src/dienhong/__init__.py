"""Diên Hồng: an open-source digital secretariat for legislatures."""

__version__ = "0.1.0"
