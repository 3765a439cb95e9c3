"""Born Global: an operating platform for micro-multinationals."""

__version__ = "0.1.0"
