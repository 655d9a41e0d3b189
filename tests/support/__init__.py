"""Builders and helpers shared by the tests: users, petitions, saved requests, PDF text,
signing in and signing petitions, production settings, workers and servers.

Fixtures stay in the conftest.py files and call these; a test imports helpers from here and
never from a conftest module (tests/test_support_imports.py checks that).
"""
