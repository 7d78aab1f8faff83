"""Which language a translated text is shown in, so no page hides a text missing in its reader's language.

Content fields are translated per language (django-modeltranslation: `title_de`, `title_uk`, `title_en`) and
fall back along `MODELTRANSLATION_FALLBACK_LANGUAGES` (Ukrainian to English to German) when the reader's
column is empty. A guest who reads German text on a Ukrainian page should know it is not a slip: pages mark
such text with its own `lang` and a note ("German only"), and the release's readiness check counts the same
gaps before guests see them. Both ask `shown_text`, so the rule lives here once.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The note beside a text that is only in another language, said in the page's language.
ONLY_IN = {
    "de": _("nur auf Deutsch"),
    "en": _("nur auf Englisch"),
    "uk": _("nur auf Ukrainisch"),
}


def fallback_chain(language: str) -> list[str]:
    """The languages a reader of `language` is shown, in modeltranslation's order of fallback."""
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    chain = [language, *fallbacks.get(language, fallbacks.get("default", ()))]
    return list(dict.fromkeys(chain))


def reader_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


@dataclass(frozen=True)
class ShownText:
    """A translated field as a reader of `reader` sees it: the text, and the language it is really in."""

    text: str
    language: str
    reader: str

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    @property
    def gap(self) -> bool:
        """The reader gets text, but in another language than their own."""
        return bool(self.text) and self.language != self.reader

    @property
    def note(self) -> str:
        """ "German only" and the like, in the active language; empty when there is no gap."""
        return str(ONLY_IN.get(self.language, "")) if self.gap else ""


def shown_text(obj, field: str, language: str | None = None) -> ShownText:
    """What `obj.<field>` shows a reader of `language` (the active one by default), read column by column."""
    reader = language or reader_language()
    chain = fallback_chain(reader)
    for code in chain:
        text = getattr(obj, f"{field}_{code}", None)
        if text:
            return ShownText(text=text, language=code, reader=reader)
    return ShownText(text="", language=reader, reader=reader)


def gaps(obj, fields, language: str) -> list[str]:
    """The fields of `obj` whose text a reader of `language` would get in another language only."""
    return [field for field in fields if shown_text(obj, field, language).gap]
