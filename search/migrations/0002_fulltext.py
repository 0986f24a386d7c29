"""The full-text part of the database index, which the ORM cannot describe.

SQLite: an FTS5 table `search_fts` whose rowid is the entry's id. Its columns hold terms
already folded and stemmed in the document's language by search.text (SQLite has no stemmer
for French, Spanish or Portuguese).

PostgreSQL: a `search_vector` tsvector column with a GIN index, built with one text search
configuration per language (ln_english, ln_french, ln_spanish, ln_portuguese, ln_simple):
accents removed by `unaccent`, then the language's Snowball stemmer. Their dictionaries keep
stop words, so "the" or "les" in a query never empties it, and every backend treats a query's
words the same way.
"""

from django.db import migrations

PG_LANGUAGES = ["english", "french", "spanish", "portuguese"]


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
                "title, summary, body, tokenize = 'unicode61 remove_diacritics 2')"
            )
        elif connection.vendor == "postgresql":
            cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
            for language in PG_LANGUAGES:
                cursor.execute(
                    f"CREATE TEXT SEARCH DICTIONARY ln_{language}_stem "
                    f"(TEMPLATE = snowball, Language = {language})"
                )
                cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION ln_{language} (COPY = simple)")
                cursor.execute(
                    f"ALTER TEXT SEARCH CONFIGURATION ln_{language} "
                    "ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, "
                    f"hword_part WITH unaccent, ln_{language}_stem"
                )
            cursor.execute("CREATE TEXT SEARCH CONFIGURATION ln_simple (COPY = simple)")
            cursor.execute(
                "ALTER TEXT SEARCH CONFIGURATION ln_simple "
                "ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, "
                "hword_part WITH unaccent, simple"
            )
            cursor.execute("ALTER TABLE search_indexentry ADD COLUMN search_vector tsvector")
            cursor.execute(
                "CREATE INDEX search_indexentry_vector ON search_indexentry "
                "USING GIN (search_vector)"
            )


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS search_fts")
        elif connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE search_indexentry DROP COLUMN IF EXISTS search_vector")
            for name in [*(f"ln_{language}" for language in PG_LANGUAGES), "ln_simple"]:
                cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
            for language in PG_LANGUAGES:
                cursor.execute(f"DROP TEXT SEARCH DICTIONARY IF EXISTS ln_{language}_stem")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
