"""Which translations are older than their German source: kept on every save of a tracked model.

`track(Model, fields)` (called where an app registers its translated fields) watches the saves of `Model`:
it remembers the texts an instance was loaded with (no query) and, after a save that changed one of them
(one query, then the writes), records for each field and language other than German:

- the translation emptied: no record (a missing text is missing, not outdated);
- the translation written or changed in this save: its source is the German text saved with it;
- the translation untouched while the German changed, and nothing recorded yet: its source is the German
  text before this save, so it now shows as outdated;
- otherwise the record stays as it is.

`record(obj, field, language, source)` sets a record directly, for editors that know which German text their
translator saw (the translations page, the XLIFF import). `QuerySet.update()` and `bulk_create()` bypass all
this; code that writes translations in bulk must call `record` itself.
"""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.signals import post_delete, post_init, post_save
from django.utils import timezone

from .models import TranslationSource

SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
TARGET_LANGUAGES = tuple(code for code in settings.MODELTRANSLATION_LANGUAGES if code != SOURCE_LANGUAGE)

TRACKED: dict[type, tuple[str, ...]] = {}
_BEFORE = "_translation_texts_before_save"


def column(field: str, language: str) -> str:
    return f"{field}_{language}"


def _columns(fields: Iterable[str]) -> list[str]:
    return [column(f, code) for f in fields for code in (SOURCE_LANGUAGE, *TARGET_LANGUAGES)]


def track(model: type, fields: Iterable[str]) -> None:
    """Record the German source of `fields`' translations on every save of `model` (idempotent)."""
    TRACKED[model] = tuple(fields)
    uid = f"translation-sources-{model._meta.label_lower}"
    post_init.connect(_remember, sender=model, dispatch_uid=uid, weak=False)
    post_save.connect(_after_save, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(_after_delete, sender=model, dispatch_uid=uid, weak=False)


def _remember(sender, instance, **kwargs) -> None:
    # The texts as loaded (or as made in Python): the "before" of the next save, without a query. Deferred
    # columns are not in `__dict__` and stay unknown rather than being loaded one by one.
    values = instance.__dict__
    instance.__dict__[_BEFORE] = {name: values[name] for name in _columns(TRACKED[sender]) if name in values}


def _after_save(sender, instance, created=False, raw=False, **kwargs) -> None:
    if raw:
        return
    before = {} if created else instance.__dict__.get(_BEFORE, {})
    now = {name: instance.__dict__.get(name) for name in _columns(TRACKED[sender])}
    _remember(sender, instance)
    if not created and all(before.get(name, now[name]) == now[name] for name in now):
        return  # no translated text changed: nothing to read or record
    ct = ContentType.objects.get_for_model(sender)
    existing = {
        (row.field, row.language): row
        for row in TranslationSource.objects.filter(content_type=ct, object_id=instance.pk)
    }
    drop, keep = [], []
    for field in TRACKED[sender]:
        german_column = column(field, SOURCE_LANGUAGE)
        german = now[german_column] or ""
        for language in TARGET_LANGUAGES:
            name = column(field, language)
            text = now[name] or ""
            row = existing.get((field, language))
            if not text:
                if row is not None:
                    drop.append(row.pk)
            elif created or name not in before:
                if created:
                    keep.append((field, language, german, row))
            elif text != (before[name] or ""):
                keep.append((field, language, german, row))
            elif row is None and german_column in before and german != (before[german_column] or ""):
                keep.append((field, language, before[german_column] or "", row))
    if drop:
        TranslationSource.objects.filter(pk__in=drop).delete()
    for field, language, source, row in keep:
        if row is None:
            TranslationSource.objects.create(
                content_type=ct, object_id=instance.pk, field=field, language=language, source=source
            )
        elif row.source != source:
            row.source, row.recorded_at = source, timezone.now()
            row.save(update_fields=["source", "recorded_at"])


def _after_delete(sender, instance, **kwargs) -> None:
    ct = ContentType.objects.get_for_model(sender)
    TranslationSource.objects.filter(content_type=ct, object_id=instance.pk).delete()


def record(obj, field: str, language: str, source: str) -> None:
    """Say that the translation of `obj.field` in `language` was made from the German `source`."""
    ct = ContentType.objects.get_for_model(type(obj))
    TranslationSource.objects.update_or_create(
        content_type=ct,
        object_id=obj.pk,
        field=field,
        language=language,
        defaults={"source": source, "recorded_at": timezone.now()},
    )


def sources_of(objects: Iterable) -> dict[tuple[int, int, str, str], str]:
    """{(content type id, pk, field, language): recorded German source} for `objects`, in one query."""
    by_type: dict[int, set[int]] = {}
    for obj in objects:
        by_type.setdefault(ContentType.objects.get_for_model(type(obj)).pk, set()).add(obj.pk)
    if not by_type:
        return {}
    condition = Q()
    for ct, pks in by_type.items():
        condition |= Q(content_type=ct, object_id__in=sorted(pks))
    rows = TranslationSource.objects.filter(condition).values_list(
        "content_type", "object_id", "field", "language", "source"
    )
    return {(ct, pk, field, language): source for ct, pk, field, language, source in rows}
