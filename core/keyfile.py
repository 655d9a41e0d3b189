"""A secret made once for this machine and kept in a file, for the embedded stack.

Without DJANGO_SECRET_KEY the site used to run on a key published in the repository, so anyone
could forge its signed links. An embedded install now makes its own random key on first start.
"""

import os
import secrets
from pathlib import Path


def machine_secret(path: Path) -> str:
    """The secret in `path`, made (random, readable by the owner only) if it does not exist."""
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside, then linked into place: several processes starting at once all end up
    # reading the one key that won, and none can read a half-written file.
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as draft_file:
        draft_file.write(secrets.token_urlsafe(64) + "\n")
    try:
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return path.read_text(encoding="ascii").strip()
