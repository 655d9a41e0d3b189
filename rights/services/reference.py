"""The employer and authority directory: loaded from the project's YAML, read for the form."""

from pathlib import Path

import yaml
from django.db import transaction

from ..models import Authority, Employer


@transaction.atomic
def load_reference_data(*, data_dir: Path) -> tuple[int, int]:
    """Create or update authorities and employers from the project's YAML seed files."""
    authorities = yaml.safe_load((data_dir / "authorities.yaml").read_text(encoding="utf-8"))
    employers = yaml.safe_load((data_dir / "employers.yaml").read_text(encoding="utf-8"))
    for entry in authorities:
        Authority.objects.update_or_create(slug=entry["slug"], defaults=_without_slug(entry))
    for entry in employers:
        fields = _without_slug(entry)
        lead = fields.pop("lead_authority")
        fields["lead_authority"] = Authority.objects.get(slug=lead) if lead else None
        Employer.objects.update_or_create(slug=entry["slug"], defaults=fields)
    return len(authorities), len(employers)


def _without_slug(entry: dict) -> dict:
    return {key: value for key, value in entry.items() if key != "slug"}


def employer_choices() -> list[tuple[str, str]]:
    return list(Employer.objects.values_list("slug", "display_name"))


def employer_caveats() -> list[tuple[str, str]]:
    """Each listed employer's caveat ("may not be your employer ..."), by name."""
    return list(Employer.objects.exclude(caveat="").values_list("display_name", "caveat"))
