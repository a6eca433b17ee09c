"""advisor: containers, PaaS or golden images? An explainable assessment."""

__version__ = "0.1.0"
