"""Saved requests: saving a drafted letter, its timeline, due dates, the dashboard, calendars.

The personal fields are encrypted by the model fields (core.fields); the plain columns only
hold what the dashboard and the reminder task sort on. Every due date comes from the pure
timeline module, never from arithmetic here.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import answers as saved_answers
from .. import shortfalls, timeline
from ..completeness import ACCESS_RIGHTS, Item, items_for
from ..letters import MONITORING_CATEGORIES
from ..models import Employer, ResponseFile, SavedRequest, TimelineEvent
from ..places import parse_workplace
from ..regimes import get_regime
from .drafting import OTHER_EMPLOYER, RenderedLetter, compose_from_cleaned
from .reference import employer_choices


class StoredAnswersInvalid(ValueError):
    """The saved answers no longer make a valid letter (e.g. the employer left the directory)."""


@dataclass(frozen=True)
class UploadedFile:
    name: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class RequestSummary:
    saved: SavedRequest
    label: str
    schedule: timeline.Schedule | None


@dataclass
class Dashboard:
    overdue: list[RequestSummary] = field(default_factory=list)
    due_this_week: list[RequestSummary] = field(default_factory=list)
    waiting: list[RequestSummary] = field(default_factory=list)
    not_sent: list[RequestSummary] = field(default_factory=list)
    closed: list[RequestSummary] = field(default_factory=list)
    # Requests no configured key opens: listed so they can be deleted, nothing more.
    unreadable: list[SavedRequest] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        columns = (self.overdue, self.due_this_week, self.waiting, self.not_sent, self.closed)
        return not any(columns) and not self.unreadable


def save_request(*, owner, answers: dict[str, list[str]], regime_id: str) -> SavedRequest:
    get_regime(regime_id)
    return SavedRequest.objects.create(
        owner=owner,
        answers=answers,
        answers_version=saved_answers.CURRENT_VERSION,
        regime_id=regime_id,
    )


def current_answers(*, saved: SavedRequest) -> dict[str, list[str]]:
    """The saved answers in the current schema, whatever version they were saved in."""
    return saved_answers.upgrade(
        saved.answers, version=saved.answers_version, regime_id=saved.regime_id
    )


def owned_request(*, owner, request_id: object) -> SavedRequest:
    """The owner's request, or SavedRequest.DoesNotExist (another user's looks the same)."""
    return SavedRequest.objects.get(owner=owner, pk=request_id)


# Saved answers are checked by the drafting form until they get a schema of their own. The form
# sits above the services (it parses requests), so the rights app hands its checker in at start-up
# (RightsConfig.ready) rather than services importing a form.
AnswerCleaner = Callable[..., dict]
_answer_cleaner: AnswerCleaner | None = None


def use_answer_cleaner(cleaner: AnswerCleaner) -> None:
    """Set the checker that turns saved answers into a letter's cleaned data: it takes the
    answers and ``employer_choices``, and raises ValueError with the reasons when they fail."""
    global _answer_cleaner
    _answer_cleaner = cleaner


def rendered_letter(*, saved: SavedRequest) -> RenderedLetter:
    if _answer_cleaner is None:
        raise RuntimeError("the rights app is not ready: no answer checker was set")
    try:
        cleaned = _answer_cleaner(current_answers(saved=saved), employer_choices=employer_choices())
    except ValueError as exc:
        raise StoredAnswersInvalid(str(exc)) from exc
    return compose_from_cleaned(cleaned)


def request_label(*, saved: SavedRequest, employer_names: Mapping[str, str] | None = None) -> str:
    """A short name for the request: the employer and the law.

    ``employer_names`` (slug to name, from ``employer_names_of``) saves a query per request
    where many are labelled at once.
    """
    answers = saved.answers
    slug = _first(answers, "employer")
    if slug == OTHER_EMPLOYER:
        employer = _first(answers, "other_employer_name")
    else:
        names = employer_names_of([saved]) if employer_names is None else employer_names
        employer = names.get(slug) or slug
    return f"{employer} ({get_regime(saved.regime_id).short_name})"


def employer_names_of(requests: Iterable[SavedRequest]) -> dict[str, str]:
    """The directory's names of the employers these requests went to, in one query."""
    slugs = {_first(saved.answers, "employer") for saved in requests} - {OTHER_EMPLOYER, ""}
    if not slugs:
        return {}
    return dict(Employer.objects.filter(slug__in=slugs).values_list("slug", "display_name"))


def _first(answers: dict[str, list[str]], key: str) -> str:
    values = answers.get(key) or [""]
    return values[0]


def workplace_country(*, saved: SavedRequest) -> str | None:
    place = parse_workplace(_first(saved.answers, "workplace"))
    return place.country if place else None


def with_timeline(*, saved: SavedRequest) -> SavedRequest:
    """Load the request's events and their files once (two queries): every function here reads
    them from ``saved.events.all()``, so a page showing the timeline needs no query per use."""
    prefetch_related_objects([saved], "events__files")
    return saved


def _logged_of_kind(saved: SavedRequest, kind: str) -> list[TimelineEvent]:
    return [event for event in saved.events.all() if event.kind == kind]


def events_of(*, saved: SavedRequest) -> list[timeline.Event]:
    # In the order they were logged; sorted here so a prefetched timeline needs no new query.
    logged = sorted(saved.events.all(), key=lambda event: (event.logged_at, event.pk))
    return [_as_event(event) for event in logged]


def _as_event(event: TimelineEvent) -> timeline.Event:
    return timeline.Event(
        kind=timeline.EventKind(event.kind), on=event.on, received_on=event.received_on
    )


def schedule_of(*, saved: SavedRequest, today: datetime.date) -> timeline.Schedule | None:
    return timeline.schedule(
        regime_id=saved.regime_id,
        country=workplace_country(saved=saved),
        events=events_of(saved=saved),
        override=saved.due_on_override,
        today=today,
        right_ids=asked_rights(saved=saved),
    )


def due_dates_by_right(
    *, saved: SavedRequest, schedule: timeline.Schedule | None, today: datetime.date
) -> list[dict]:
    """Each group of rights with its own last day, when the rights asked have different ones."""
    if schedule is None or schedule.overridden:
        return []
    found = shortfalls.clocks(
        get_regime(saved.regime_id),
        right_ids=asked_rights(saved=saved),
        due_on=schedule.due_on,
        due_by_right=schedule.due_by_right,
        written_on=today,
    )
    return found if len(found) > 1 else []


def asked_rights(*, saved: SavedRequest) -> tuple[str, ...]:
    """The rights the saved request asked for, in the regime's order."""
    regime = get_regime(saved.regime_id)
    chosen = {value.split(":", 1)[-1] for value in saved.answers.get("rights", [])}
    return tuple(right.id for right in regime.rights if right.id in chosen)


def asked_item_list(*, saved: SavedRequest) -> tuple[Item, ...]:
    """What the completeness check asks about: the items of each right asked, and for access
    (or "know") each monitoring category the letter named."""
    regime = get_regime(saved.regime_id)
    rights = asked_rights(saved=saved)
    assessments = (
        [key for key in ("ask_legal_basis", "ask_dpia", "ask_lia") if key in saved.answers]
        if regime.asks_for_assessments
        else []
    )
    items = list(items_for(regime.id, rights, assessments=assessments))
    access = next((right for right in rights if right in ACCESS_RIGHTS), None)
    if access is None:
        return tuple(items)
    for category in saved.answers.get("categories", []):
        if category in MONITORING_CATEGORIES:
            label = _("Monitoring data: %(category)s") % {
                "category": MONITORING_CATEGORIES[category]
            }
            items.append(Item(f"category:{category}", label, "", access))
    return tuple(items)


def asked_items(*, saved: SavedRequest) -> list[tuple[str, str]]:
    """The completeness check's choices: (item id, label with its provision)."""
    return [
        (item.id, f"{item.citation}: {item.label}" if item.citation else str(item.label))
        for item in asked_item_list(saved=saved)
    ]


def missing_item_list(*, saved: SavedRequest) -> tuple[Item, ...]:
    """Items asked about that no logged response covered (none before the first response)."""
    responses = _logged_of_kind(saved, TimelineEvent.Kind.RESPONDED)
    if not responses:
        return ()
    answered: set[str] = set()
    for event in responses:
        answered.update(event.answered_items)
    return tuple(item for item in asked_item_list(saved=saved) if item.id not in answered)


def missing_items(*, saved: SavedRequest) -> list[str]:
    """The missing items as labels with their provisions, for the request page."""
    asked = dict(asked_items(saved=saved))
    return [asked[item.id] for item in missing_item_list(saved=saved)]


@transaction.atomic
def add_event(
    *,
    saved: SavedRequest,
    kind: str,
    on: datetime.date,
    today: datetime.date,
    received_on: datetime.date | None = None,
    channel: str = "",
    details: str = "",
    answered_items: Sequence[str] = (),
    outcome: str = "",
    followup_kind: str = "",
    files: Iterable[UploadedFile] = (),
) -> TimelineEvent:
    """Log one event after checking it may follow the others; raises timeline.TimelineError.

    Closing needs how it ended (a SavedRequest.Outcome), and a follow-up sent which letter it
    was (a TimelineEvent.FollowUp, for that kind only): ValueError otherwise.
    """
    if kind == TimelineEvent.Kind.CLOSED and outcome not in SavedRequest.Outcome.values:
        raise ValueError("closing a request needs how it ended")
    if (kind == TimelineEvent.Kind.FOLLOWED_UP) != (followup_kind in TimelineEvent.FollowUp.values):
        raise ValueError("a follow-up sent, and only that, needs which letter it was")
    saved = SavedRequest.objects.select_for_update().get(pk=saved.pk)
    new = timeline.Event(kind=timeline.EventKind(kind), on=on, received_on=received_on)
    timeline.check_new_event(
        regime_id=saved.regime_id, events=events_of(saved=saved), new=new, today=today
    )
    event = TimelineEvent.objects.create(
        request=saved,
        kind=kind,
        on=on,
        received_on=received_on,
        channel=channel,
        followup_kind=followup_kind,
        details=details,
        answered_items=list(answered_items),
    )
    for upload in files:
        ResponseFile.objects.create(
            event=event,
            name=upload.name,
            content_type=upload.content_type,
            size=len(upload.content),
            content=upload.content,
        )
    if kind == TimelineEvent.Kind.CLOSED:
        saved.status = SavedRequest.Status.CLOSED
        saved.outcome = outcome
        saved.closed_on = on
    refresh_due_date(saved=saved, today=today)
    return event


@transaction.atomic
def reopen_request(*, saved: SavedRequest, today: datetime.date) -> None:
    """Undo closing: the "Closed" entry leaves the timeline, so the deadline, the overdue state
    and the reminders come back as the other events give them. What was written when closing
    is kept in the notes, so nothing the worker wrote is lost."""
    saved = SavedRequest.objects.select_for_update().get(pk=saved.pk)
    closing = list(saved.events.filter(kind=TimelineEvent.Kind.CLOSED))
    if not closing:
        return
    for event in closing:
        if event.details:
            heading = _("Written when closing it on %(day)s:") % {
                "day": date_format(event.on, "j F Y")
            }
            saved.notes = f"{saved.notes}\n\n{heading}\n{event.details}".strip()
        event.delete()
    saved.status = SavedRequest.Status.OPEN
    saved.outcome = ""
    saved.closed_on = None
    saved.retention_warned_on = None
    refresh_due_date(saved=saved, today=today)


def set_due_override(
    *, saved: SavedRequest, override: datetime.date | None, today: datetime.date
) -> None:
    saved.due_on_override = override
    refresh_due_date(saved=saved, today=today)


def refresh_due_date(*, saved: SavedRequest, today: datetime.date) -> timeline.Schedule | None:
    """Recompute the stored dates from the timeline and save the request."""
    found = schedule_of(saved=saved, today=today)
    saved.computed_due_on = found.computed_due_on if found else None
    saved.due_on = found.due_on if found else saved.due_on_override
    saved.save()
    return found


def dashboard(*, owner, today: datetime.date) -> Dashboard:
    """The owner's requests by urgency: overdue, due within 7 days, waiting, not sent, closed."""
    board = Dashboard()
    week_end = today + datetime.timedelta(days=7)
    requests = list(SavedRequest.objects.filter(owner=owner).prefetch_related("events"))
    readable = [saved for saved in requests if saved.readable]
    board.unreadable = [saved for saved in requests if not saved.readable]
    names = employer_names_of(readable)
    for saved in readable:
        summary = RequestSummary(
            saved=saved,
            label=request_label(saved=saved, employer_names=names),
            schedule=schedule_of(saved=saved, today=today),
        )
        _column(board, summary, today=today, week_end=week_end).append(summary)
    for column in (board.overdue, board.due_this_week, board.waiting, board.not_sent):
        column.sort(key=lambda s: s.saved.due_on or datetime.date.max)
    board.closed.sort(key=lambda s: s.saved.closed_on or datetime.date.min, reverse=True)
    return board


def _column(
    board: Dashboard, summary: RequestSummary, *, today: datetime.date, week_end: datetime.date
) -> list[RequestSummary]:
    saved = summary.saved
    if saved.status == SavedRequest.Status.CLOSED:
        return board.closed
    if saved.due_on is None:
        return board.not_sent
    if saved.due_on < today:
        return board.overdue
    if saved.due_on <= week_end:
        return board.due_this_week
    return board.waiting


def is_overdue(*, saved: SavedRequest, today: datetime.date) -> bool:
    return (
        saved.status == SavedRequest.Status.OPEN
        and saved.due_on is not None
        and saved.due_on < today
        and not _logged_of_kind(saved, TimelineEvent.Kind.RESPONDED)
    )


def owned_file(*, owner, file_id: object) -> ResponseFile:
    return ResponseFile.objects.select_related("event__request").get(
        pk=file_id, event__request__owner=owner
    )


def save_notes(*, saved: SavedRequest, notes: str) -> None:
    saved.notes = notes
    saved.save(update_fields=["notes"])


def delete_request(*, saved: SavedRequest) -> None:
    """Deletes the request with its timeline, files and reminders (cascade), for real."""
    saved.delete()


def next_kinds(*, saved: SavedRequest) -> list[str]:
    """The events that may be logged next, for the buttons on the request page."""
    events = events_of(saved=saved)
    return list[str](timeline.next_kinds(regime_id=saved.regime_id, events=events))
