"""Retention keeps no tables of its own: the policy is a table in code (policies.py)."""
