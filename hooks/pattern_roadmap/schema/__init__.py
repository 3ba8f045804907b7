"""Pydantic models only, one module per YAML family, sharing vocabulary.py."""
