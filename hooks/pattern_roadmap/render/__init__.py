"""Jinja and page renderers, one module per page family; pages.py joins their markers."""
