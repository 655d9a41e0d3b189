"""The rights on the request form are grouped by what the worker wants, each group saying what
it gives and what happens next; the script learns which law applies as the server decides."""

import json
import re

import pytest
from django.urls import reverse

from rights.forms import RequestForm
from rights.regime_texts import AIMS
from rights.regimes import REGIMES

pytestmark = pytest.mark.usefixtures("reference_data")


def test_every_right_of_every_law_sits_in_exactly_one_group_named_by_what_it_gives(client):
    html = client.get(reverse("rights:new")).content.decode()
    rights_part = html.split('id="id_rights"', 1)[1].split('id="id_ask_legal_basis"', 1)[0]
    for title, gives, _next in AIMS.values():
        assert f"<legend>{title}</legend>" in rights_part
        assert str(gives) in rights_part
    values = re.findall(r'name="rights" value="([^"]+)"', rights_part)
    expected = [f"{regime.id}:{right.id}" for regime in REGIMES.values() for right in regime.rights]
    assert sorted(values) == sorted(expected) and len(values) == len(set(values))
    assert not re.search(r'name="rights"[^>]*checked', rights_part)


def test_each_right_is_grouped_under_its_own_aim():
    form = RequestForm(employer_choices=[])
    for regime, aims in form.rights_by_aim:
        for texts, boxes in aims:
            aim = next(key for key, value in AIMS.items() if value == texts)
            for box in boxes:
                right_id = box.data["value"].split(":", 1)[1]
                assert regime.right(right_id).aim == aim


def test_the_script_learns_that_residence_decides_a_law_that_follows_it(client):
    html = client.get(reverse("rights:new")).content.decode()
    payload = html.split('id="workplace-regimes" type="application/json">', 1)[1].split("<", 1)[0]
    mapping = json.loads(payload)
    by_residence = {
        r.resident_of: r.id for r in REGIMES.values() if r.coverage_follows == "residence"
    }
    assert mapping["residence"] == by_residence and by_residence
    # A law that follows residence is never suggested by the workplace alone.
    assert not set(mapping["workplace"].values()) & set(by_residence.values())
    assert mapping["workplace"]["IE"] != "" and mapping["workplace"]["GB"] != ""
