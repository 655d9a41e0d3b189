"""The petition fixtures (organiser, make_petition, petition) are in tests/conftest.py and the
helpers for signing in tests/support/petitions.py: the security, reliability and privacy tests
use them too."""
