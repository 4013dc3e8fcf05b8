from django.db import migrations


class Migration(migrations.Migration):
    """Profile moved to regions (regions 0008 took over its table); only ucj's record of it goes."""

    dependencies = [
        ('ucj', '0002_imports'),
        ('regions', '0008_profile'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(database_operations=[], state_operations=[migrations.DeleteModel(name='Profile')]),
    ]
