"""What differs between laws lives in the catalogue (rights/regimes.py), never in a branch on a
regime's id elsewhere; so adding a law is a new row plus its templates."""

import datetime
import re
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest
from django.template.loader import render_to_string

from rights import deadlines, letters, places, timeline
from rights.completeness import items_for
from rights.followups import FollowUpFacts, FollowUpKind, compose_followup
from rights.regimes import GDPR_RIGHTS, REGIMES, Regime

ROOT = Path(__file__).resolve().parents[2]
# The catalogue itself, and the deadline rules it reads by id (rights/deadlines.py).
CATALOGUE = {"rights/regimes.py", "rights/regime_texts.py", "rights/deadlines.py"}
SCANNED = ("rights", "core", "accounts", "petitions", "config", "templates")
LETTERS = Path("templates/rights/letters")


def in_a_regime_folder(path: Path) -> bool:
    """templates/rights/letters/<language>/[followups/]<regime id>/...: a law's own wording."""
    if not path.is_relative_to(LETTERS):
        return False
    parts = path.relative_to(LETTERS).parts
    return any(part in REGIMES for part in parts[:-1])


def scanned_files():
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*")):
            relative = path.relative_to(ROOT)
            if path.suffix not in (".py", ".html", ".txt") or "migrations" in relative.parts:
                continue
            if relative.as_posix() in CATALOGUE or in_a_regime_folder(relative):
                continue
            yield relative


def test_no_code_or_template_outside_the_catalogue_names_a_regime():
    ids = "|".join(re.escape(regime_id) for regime_id in REGIMES)
    quoted = re.compile(rf"""["'](?:{ids})["']""")
    found = []
    checked = 0
    for relative in scanned_files():
        checked += 1
        for number, line in enumerate((ROOT / relative).read_text().splitlines(), 1):
            if quoted.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    assert checked > 100
    assert found == [], "move these branches into a Regime attribute:\n" + "\n".join(found)


def test_the_scan_skips_only_the_catalogue_and_each_laws_own_letter_folders():
    skipped = {Path("templates/rights/letters/en/uk_gdpr/access.txt")}
    assert all(in_a_regime_folder(path) for path in skipped)
    assert not in_a_regime_folder(Path("templates/rights/letters/en/gdpr_shared/access.txt"))
    assert not in_a_regime_folder(Path("templates/rights/_letter_sheet.html"))
    assert Path("rights/followups.py") in set(scanned_files())


# --- A new law: a row and its templates --------------------------------------------------------

NEW = "is_test_law"
OPENING = "Dear Privacy Team,\n\nI make this request under {{ regime.law_title }}.\n"
ACCESS = "## Access\n\nPlease give me a copy of my data ({{ regime.short_name }} Art. 15(3)).\n"
CLOSING = "Please answer by {{ letter.dates.due }}.\n"
REMINDER = "Dear Privacy Team,\n\nMy request of {{ dates.sent }} is overdue.\n"
COMPLAINT = "Dear Sir or Madam,\n\nI complain about {{ employer_name }}.\n"


@pytest.fixture
def new_law(monkeypatch, settings, tmp_path):
    """A law the project does not know, added as a catalogue row, a deadline rule and
    templates in a folder of its own: nothing else is touched."""
    folder = tmp_path / "rights" / "letters" / "en"
    for name, text in {
        f"{NEW}/opening.txt": OPENING,
        f"{NEW}/access.txt": ACCESS,
        f"{NEW}/closing.txt": CLOSING,
        f"followups/{NEW}/reminder.txt": REMINDER,
        f"followups/{NEW}/complaint.txt": COMPLAINT,
    }.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    engines = [dict(engine) for engine in settings.TEMPLATES]
    for engine in engines:
        engine["DIRS"] = [tmp_path, *engine["DIRS"]]
    settings.TEMPLATES = engines

    regime = Regime(
        id=NEW,
        name="Test Data Protection Act",
        short_name="TDPA",
        law_title="the Test Data Protection Act",
        paper_size="A4",
        countries=frozenset({"IS"}),
        us_states=frozenset(),
        rights=(GDPR_RIGHTS[0],),
        deadline_citation="Art. 12(3)",
        closing_citations=(),
        date_format="j F Y",
        access_complaint_item="That you may complain to the Test Commissioner",
        attention_line="Attn: Test Privacy Officer",
        letter_subject="Access under %(provisions)s of the %(law)s",
        followup_citations={"reminder": ("Art. 12(3)",), "complaint": ("Art. 77",)},
        clock_stops_from=datetime.date(2026, 1, 1),
        complaint_notes=("Complain on the Test Commissioner's form.",),
    )
    monkeypatch.setitem(REGIMES, NEW, regime)
    rules = {**deadlines.RULES, NEW: deadlines.RULES["eu_gdpr"]}
    monkeypatch.setattr(deadlines, "RULES", MappingProxyType(rules))
    return regime


def new_letter(regime: Regime) -> letters.Letter:
    choices = letters.LetterChoices(
        regime_id=regime.id,
        right_ids=("access",),
        categories=("keystrokes",),
        requester=letters.Requester(name="Sam Worker", employee_id="", reply_to="s@example.org"),
        recipient=letters.Recipient(legal_name="Test Employer hf.", email="p@example.com"),
        workplace_country="IS",
        sent_on=datetime.date(2027, 1, 4),
    )
    return letters.compose_letter(choices=choices)


def test_a_new_law_drafts_a_letter_from_its_row_and_its_own_templates(new_law):
    letter = new_letter(new_law)
    body = letters.render_letter_body(letter=letter)
    assert letter.subject == "Access under Art. 15 of the TDPA"
    assert body.startswith("Dear Privacy Team,\n\nI make this request under the Test Data")
    assert "Please give me a copy of my data (TDPA Art. 15(3))." in body
    assert letter.dates["due"] == "4 February 2027"
    assert new_law.deadline_rule is deadlines.RULES["eu_gdpr"]
    sheet = render_to_string(
        "rights/_letter_sheet.html",
        {"rendered": {"letter": letter, "body_html": letters.body_as_html(body)}},
    )
    assert "Attn: Test Privacy Officer" in sheet
    assert "Data Protection Officer" not in sheet


def test_a_new_law_writes_follow_ups_with_its_own_citations_and_notes(new_law):
    letter = new_letter(new_law)
    facts = FollowUpFacts(
        kind=FollowUpKind.REMINDER,
        regime_id=NEW,
        requester=letter.choices.requester,
        recipient=letter.choices.recipient,
        authority=letters.Authority(name="Test Commissioner", email="c@example.org"),
        original_subject=letter.subject,
        original_reference=letter.reference,
        original_body_text="",
        sent_on=letter.choices.sent_on,
        received_on=letter.choices.sent_on,
        channel="email",
        due_on=letter.due_on,
        written_on=datetime.date(2027, 3, 1),
        workplace_country="IS",
        right_ids=("access",),
    )
    reminder = compose_followup(facts=facts)
    assert reminder.body_text == "Dear Privacy Team,\n\nMy request of 4 January 2027 is overdue.\n"
    assert reminder.citations == ("Art. 12(3)",)
    assert reminder.attention_line == "Attn: Test Privacy Officer"
    complaint = compose_followup(facts=replace(facts, kind=FollowUpKind.COMPLAINT))
    assert complaint.citations == ("Art. 77", "Art. 12(3)")
    assert complaint.notes == ("Complain on the Test Commissioner's form.",)
    assert complaint.attention_line == ""


def test_a_new_law_gets_completeness_items_places_and_timeline_rules_from_its_row(new_law):
    items = items_for(NEW, ("access",))
    assert "That you may complain to the Test Commissioner" in [str(i.label) for i in items]
    workplace = places.Workplace(country="IS")
    assert places.regime_for(workplace=workplace, residence=None) is new_law
    assert not places.needs_residence(workplace=workplace, regime=new_law)
    sent = timeline.Event(timeline.EventKind.SENT, datetime.date(2027, 1, 4))
    offered = timeline.next_kinds(regime_id=NEW, events=[sent])
    assert timeline.EventKind.CLOCK_STOPPED in offered
    assert timeline.EventKind.COMPLAINED not in offered
    with pytest.raises(timeline.TimelineError) as refused:
        complained = timeline.Event(timeline.EventKind.COMPLAINED, datetime.date(2027, 1, 5))
        timeline.check_new_event(regime_id=NEW, events=[sent], new=complained)
    assert refused.value.code == "complaint_not_in_regime"


def test_the_event_kinds_offered_next_are_those_the_rules_accept():
    sent = timeline.Event(timeline.EventKind.SENT, datetime.date(2026, 3, 9))
    stopped = timeline.Event(timeline.EventKind.CLOCK_STOPPED, datetime.date(2026, 3, 12))
    closed = timeline.Event(timeline.EventKind.CLOSED, datetime.date(2026, 3, 20))
    for regime_id, regime in REGIMES.items():
        timelines = [[], [sent], [sent, closed]]
        timelines += [[sent, stopped]] if regime.can_stop_clock(sent.on) else []
        for events in timelines:
            offered = timeline.next_kinds(regime_id=regime_id, events=events)
            day = events[-1].on if events else sent.on
            for kind in timeline.EventKind:
                new = timeline.Event(kind, day)
                try:
                    timeline.check_new_event(regime_id=regime_id, events=events, new=new)
                    accepted = True
                except timeline.TimelineError:
                    accepted = False
                assert (kind in offered) == accepted, (regime_id, events, kind)
