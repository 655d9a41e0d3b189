"""The operator's attacks on signer anonymity (docs/architecture.md, invariant 2).

Each test signs people in a known order, then runs one attack from the issue that found them
and asserts it links no signature better than chance within its batch. Production batching:
PETITIONS_BATCH_MIN is the default 10 here, not the 1 the other petition tests use.
The helpers are in tests/support/anonymity.py.
"""

import pytest

from tests.support.anonymity import K


@pytest.fixture(autouse=True)
def production_batches(settings):
    settings.PETITIONS_BATCH_MIN = K
    settings.PETITIONS_POOL_GRACE_SECONDS = 0
