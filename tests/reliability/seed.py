"""Run as a module against the database in DATABASE_URL: migrate, create a live petition and
write sealed confirmation links to a JSON file. Used by the reliability tests' gunicorn servers."""

import datetime
import json
import sys

import django


def main(out: str, signers: int, duplicates: int) -> None:
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from petitions import services
    from tests.support.petitions import new_petition

    call_command("migrate", verbosity=0)
    organiser = get_user_model().objects.create_user(username="organiser", email="o@example.org")
    petition = new_petition(organiser, goal=1_000_000, closes_on=datetime.date(2099, 1, 1))

    def link(n: int) -> str:
        token = services.seal_signature(petition=petition, address=f"worker{n}@example.org")
        return f"/petitions/{petition.slug}/confirm/{token}/"

    result = {
        "slug": petition.slug,
        "links": [link(n) for n in range(signers)],
        "duplicates": [link(n) for n in range(duplicates)],
    }
    with open(out, "w") as handle:
        json.dump(result, handle)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
