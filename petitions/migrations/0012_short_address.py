"""Each petition gets a typeable address for its printed slips. Existing petitions each draw
their own (a callable default would give every row the same one), then the column becomes
unique and required."""

from django.db import migrations, models

import petitions.models


def draw_addresses(apps, schema_editor):
    petition_model = apps.get_model("petitions", "Petition")
    taken: set[str] = set()
    for petition in petition_model.objects.filter(short_address__isnull=True).only("pk"):
        address = petitions.models.new_short_address()
        while address in taken:
            address = petitions.models.new_short_address()
        taken.add(address)
        petition_model.objects.filter(pk=petition.pk).update(short_address=address)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0011_closed_on_a_day")]

    operations = [
        migrations.AddField(
            model_name="petition",
            name="short_address",
            field=models.CharField(max_length=8, null=True, editable=False),
        ),
        migrations.RunPython(draw_addresses, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="petition",
            name="short_address",
            field=models.CharField(
                default=petitions.models.new_short_address,
                editable=False,
                max_length=8,
                unique=True,
            ),
        ),
    ]
