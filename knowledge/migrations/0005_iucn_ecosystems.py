"""Load the IUCN Global Ecosystem Typology 2.1 (10 realms, 25 biomes, 110 functional groups)
from knowledge/data/iucn_get.csv. Running it again updates names and keeps existing rows."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "iucn_get.csv"


REALM_ORDER = ["T", "S", "F", "M", "TF", "SF", "FM", "MT", "MFT", "SM"]


def sort_key(code):
    realm = code.rstrip("0123456789.")
    numbers = code[len(realm) :].split(".") if code[len(realm) :] else []
    rank = REALM_ORDER.index(realm) if realm in REALM_ORDER else len(REALM_ORDER)
    return f"{rank:02d}{realm:<4}" + "".join(number.zfill(3) for number in numbers if number)


def load(apps, schema_editor):
    Ecosystem = apps.get_model("knowledge", "Ecosystem")
    by_code = {}
    with DATA.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            node, _ = Ecosystem.objects.update_or_create(
                code=row["code"],
                defaults={
                    "level": row["level"],
                    "name": row["name"],
                    "parent": by_code.get(row["parent"]) if row["parent"] else None,
                    "sort_key": sort_key(row["code"]),
                },
            )
            by_code[node.code] = node


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0004_reference_taxonomies")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
