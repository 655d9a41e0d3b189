"""Saved answers get a schema version; rows saved before it (version 1) are upgraded to 2."""

from django.db import migrations, models

from rights.answers import upgrade


def upgrade_answers(apps, schema_editor):
    SavedRequest = apps.get_model("rights", "SavedRequest")
    for saved in SavedRequest.objects.filter(answers_version__lt=2).iterator():
        saved.answers = upgrade(
            saved.answers, version=saved.answers_version, regime_id=saved.regime_id
        )
        saved.answers_version = 2
        saved.save(update_fields=["answers", "answers_version"])


class Migration(migrations.Migration):
    dependencies = [("rights", "0002_saved_requests")]

    operations = [
        migrations.AddField(
            model_name="savedrequest",
            name="answers_version",
            field=models.PositiveSmallIntegerField(default=1),
        ),
        migrations.RunPython(upgrade_answers, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="savedrequest",
            name="answers_version",
            field=models.PositiveSmallIntegerField(default=2),
        ),
    ]
