"""Fixtures for the command tests: the scan's repository builder."""

from tests.scan.conftest import bank, repo

__all__ = ["bank", "repo"]
