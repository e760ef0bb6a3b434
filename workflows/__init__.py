"""Workflows: one class per file, thin orchestration over the domain rules."""
