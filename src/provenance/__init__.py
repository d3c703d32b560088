"""provenance: who said what, which figures, and where each claim came from, across news articles."""

__version__ = "0.1.0"
