"""Jinja templates of ironflow-gen, one folder per target (shipped as package data)."""
