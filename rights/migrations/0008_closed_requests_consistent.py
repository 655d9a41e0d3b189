# Before 0009's check that a request is either closed, with how it ended and the day, or open
# with neither: rows saved before closing asked how it ended are made consistent. Apart from
# 0009 so that these updates are committed before PostgreSQL alters the table.

from django.db import migrations

KNOWN_OUTCOMES = ("complete", "partial", "refused", "ignored")


def make_consistent(apps, schema_editor):
    SavedRequest = apps.get_model("rights", "SavedRequest")
    TimelineEvent = apps.get_model("rights", "TimelineEvent")
    # An outcome on an open request was never shown: it goes.
    SavedRequest.objects.filter(status="open").exclude(outcome="").update(outcome="")
    SavedRequest.objects.filter(status="open").exclude(closed_on=None).update(closed_on=None)
    closed = SavedRequest.objects.filter(status="closed")
    for saved in closed.filter(closed_on=None).iterator(chunk_size=200):
        event = TimelineEvent.objects.filter(request=saved, kind="closed").order_by("-on").first()
        saved.closed_on = event.on if event else saved.created_on
        saved.save(update_fields=["closed_on"])
    # Closed while the form could still send no outcome (before it asked): of the outcomes,
    # "partial" claims the least on the employer's behalf.
    closed.exclude(outcome__in=KNOWN_OUTCOMES).update(outcome="partial")


class Migration(migrations.Migration):

    dependencies = [
        ('rights', '0007_route_requests'),
    ]

    operations = [
        migrations.RunPython(make_consistent, migrations.RunPython.noop),
    ]
