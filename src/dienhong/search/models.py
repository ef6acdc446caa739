"""The search index: one row per indexed object, its access tokens and facet values.

The full-text part lives beside these tables and differs per database (see ``backends``):
an FTS5 virtual table ``search_fts`` on SQLite, a ``tsv`` column with a GIN index plus the
document-frequency table ``search_term`` on PostgreSQL. Rows here are written only by
``dienhong.search.engine``.
"""

from __future__ import annotations

from django.db import models


class Entry(models.Model):
    kind = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    title = models.TextField(blank=True, default="")
    subject = models.TextField(blank=True, default="")
    number = models.CharField(max_length=255, blank=True, default="")
    body = models.TextField(blank=True, default="")
    date = models.DateField(null=True, blank=True)
    #: ``date`` or 0001-01-01, so keyset pagination never meets a NULL.
    sort_date = models.DateField()
    access = models.CharField(max_length=20)
    #: Number of index terms over all columns (BM25's document length).
    length = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_kind_object")
        ]
        indexes = [models.Index(fields=["kind", "sort_date", "id"], name="search_entry_kind_date")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class AccessToken(models.Model):
    """Who may see an entry, as tokens a user's ``Visibility`` expands to (ADR 0002)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=300)

    class Meta:
        indexes = [
            models.Index(fields=["token", "entry"], name="search_acl_token_entry"),
        ]

    def __str__(self) -> str:
        return self.token


class FacetValue(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=60)
    value = models.CharField(max_length=255)

    class Meta:
        indexes = [
            models.Index(fields=["name", "value", "entry"], name="search_facet_name_value"),
            # Covering: facet counts read (name, value) of each match from the index alone.
            models.Index(fields=["entry", "name", "value"], name="search_facet_entry_value"),
        ]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class IndexState(models.Model):
    """One row (id 1): ``generation`` takes a new random value on every write to the index,
    so counts cached for list pages (keyed by it) are never served stale; ``docs`` is the
    number of entries (BM25's N, without counting them on every search)."""

    generation = models.BigIntegerField(default=0)
    docs = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"generation {self.generation}"


class Embedding(models.Model):
    """The semantic vector of one indexed object's passage (ADR 0003), keyed by the object so
    that re-indexing unchanged text keeps it; ``vector`` is NULL while it waits for the job."""

    kind = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    #: sha1 of the model name and the passage the vector was (or will be) computed from.
    digest = models.CharField(max_length=40)
    #: float32 little-endian, ``semantic.DIMENSIONS`` values.
    vector = models.BinaryField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_embedding_object")
        ]
        indexes = [
            models.Index(
                fields=["id"],
                name="search_embedding_pending",
                condition=models.Q(vector__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"
