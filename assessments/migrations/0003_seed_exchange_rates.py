"""Seed the exchange-rate table with the engine's dated default rates, so conversions work on day one.

Staff replace or add rates in the admin; this never overwrites a rate that exists for the same day.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from assessments.engine import DEFAULT_RATES

    ExchangeRate = apps.get_model("assessments", "ExchangeRate")
    for pair, rate in DEFAULT_RATES.rates.items():
        base, quote = pair.split("/")
        ExchangeRate.objects.get_or_create(
            base=base,
            quote=quote,
            effective_on=DEFAULT_RATES.dates[pair],
            defaults={"rate": rate, "source": "Seed: approximate mid-market reference rate (engine default)"},
        )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0002_exchange_rates")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
