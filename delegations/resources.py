"""Import and export of members, contacts and organisations (CSV, XLSX) with django-import-export.

Foreign keys travel by natural keys (delegation by slug, organisation by name, hotel by its German name),
translated fields as one column per language (`function_de`, `function_uk`, `function_en`). Every row is
checked like a form (`full_clean`, so the database's rules give their German messages), and a file with any
bad row saves nothing: the import runs in one transaction and the confirm step is refused.
"""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets
from phonenumber_field.phonenumber import PhoneNumber

from .models import Contact, Delegation, Member, Organisation

SPECIAL_CATEGORIES = ("dietary_needs", "accessibility_needs")


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key by a readable key; an unknown key is a row error in German, not a traceback."""

    def __init__(self, queryset, field: str, message):
        super().__init__(queryset.model, field=field)
        self.queryset = queryset
        self.message = message

    def get_queryset(self, value, row, *args, **kwargs):
        return self.queryset.all()

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (self.model.DoesNotExist, self.model.MultipleObjectsReturned):
            raise ValueError(str(self.message) % {"value": value}) from None


def offered_choices(model, name: str):
    """The rows a foreign key offers in a form: its target's, within its `limit_choices_to`.

    A member's hotel is a venue of the visits app; reading the target from the field spares this app an
    import of the one above it.
    """
    field = model._meta.get_field(name)
    return field.related_model._default_manager.complex_filter(field.get_limit_choices_to())


class PhoneWidget(widgets.CharWidget):
    """Phone numbers in international form (+49 …, +380 …), written back the same way."""

    def clean(self, value, row=None, **kwargs):
        import phonenumbers

        text = str(value or "").strip()
        if not text:
            return ""
        try:
            number = phonenumbers.parse(text, None)
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise ValueError(
                _("„%(value)s“ ist keine gültige Telefonnummer in internationaler Form, z. B. +49 2821 85-0.")
                % {"value": text}
            )
        return PhoneNumber.from_string(
            phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        )

    def render(self, value, obj=None, **kwargs):
        return value.as_international if value else ""


def translated_columns(field: str) -> tuple[str, ...]:
    return tuple(f"{field}_{code}" for code, _name in settings.LANGUAGES)


class TranslatedTextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        return text or None


class StaffResourceMetaclass(resources.ModelDeclarativeMetaclass):
    """Translated columns read an empty cell as "no text" (None, as modeltranslation stores it), so an
    unchanged file re-imported finds nothing changed."""

    def __new__(cls, name, bases, attrs):
        new_class = super().__new__(cls, name, bases, attrs)
        meta_fields = getattr(new_class._meta, "fields", None) or ()
        for column in meta_fields:
            if column in new_class.fields and column.rsplit("_", 1)[-1] in dict(settings.LANGUAGES):
                new_class.fields[column].widget = TranslatedTextWidget()
        return new_class


def organisation_field() -> fields.Field:
    return fields.Field(
        attribute="organisation",
        column_name="organisation",
        widget=NaturalKeyWidget(
            Organisation.objects.all(), "name", gettext_lazy("Keine Organisation mit dem Namen „%(value)s“.")
        ),
    )


def _header_key(header) -> str:
    return " ".join(str(header or "").split()).casefold()


class StaffResource(resources.ModelResource, metaclass=StaffResourceMetaclass):
    """Rows checked like forms; a file with errors saves nothing.

    Column headers are the fields' names in the user's language ("Vorname", "Ім'я", "First name"; a
    translated text as "Funktion [uk]"). An import reads headers in any of the three languages, and the
    fields' own names (`first_name`) as older files have them.
    """

    class Meta:
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True
        report_skipped = True

    def column_label(self, field) -> str:
        """The header of a column in the active language: the model field's verbose name."""
        name = field.attribute or field.column_name
        if name == "id":
            return "ID"
        try:
            model_field = self._meta.model._meta.get_field(name)
        except FieldDoesNotExist:
            return field.column_name
        return capfirst(str(model_field.verbose_name))

    def get_export_headers(self, selected_fields=None):
        return [self.column_label(field) for field in self.get_export_fields(selected_fields) if field]

    def get_diff_headers(self):
        return [self.column_label(field) for field in self.get_import_fields()]

    def column_names(self) -> dict[str, str]:
        """Every header an import reads, normalised, with the column it stands for."""
        names = {}
        for field in self.get_import_fields():
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    names.setdefault(_header_key(self.column_label(field)), field.column_name)
        for field in self.get_import_fields():
            names[_header_key(field.column_name)] = field.column_name
        return names

    def before_import(self, dataset, **kwargs):
        if dataset.headers:
            names = self.column_names()
            dataset.headers = [names.get(_header_key(header), header) for header in dataset.headers]
        super().before_import(dataset, **kwargs)


class OrganisationResource(StaffResource):
    class Meta(StaffResource.Meta):
        model = Organisation
        fields = (
            "id",
            "name",
            "kind",
            "country",
            "street",
            "postcode",
            "city",
            "latitude",
            "longitude",
            "website",
            *translated_columns("profile"),
        )
        export_order = fields


class ContactResource(StaffResource):
    organisation = organisation_field()
    phone = fields.Field(attribute="phone", column_name="phone", widget=PhoneWidget())

    class Meta(StaffResource.Meta):
        model = Contact
        fields = (
            "id",
            "first_name",
            "last_name",
            "role",
            "organisation",
            *translated_columns("function"),
            "phone",
            "email",
            "languages",
            "is_public_figure",
            "interpreting_mode",
        )
        export_order = fields


MEMBER_FIELDS = (
    "id",
    "delegation",
    "first_name",
    "last_name",
    "first_name_original",
    "last_name_original",
    *translated_columns("function"),
    "organisation",
    "preferred_language",
    "languages_spoken",
    "needs_interpreter",
    "is_head",
    "is_public_figure",
    "email",
    "phone",
    "arrival_at",
    "arrival_mode",
    "arrival_reference",
    "departure_at",
    "departure_mode",
    "departure_reference",
    "hotel",
    "room",
    "photo_consent",
)


class MemberResource(StaffResource):
    """Members without the special categories of personal data (dietary and accessibility needs)."""

    delegation = fields.Field(
        attribute="delegation",
        column_name="delegation",
        widget=NaturalKeyWidget(
            Delegation.objects.all(), "slug", gettext_lazy("Keine Delegation mit dem Kurznamen „%(value)s“.")
        ),
    )
    organisation = organisation_field()
    hotel = fields.Field(
        attribute="hotel",
        column_name="hotel",
        widget=NaturalKeyWidget(
            offered_choices(Member, "hotel"),
            "name_de",
            gettext_lazy("Kein Hotel mit dem Namen „%(value)s“."),
        ),
    )
    phone = fields.Field(attribute="phone", column_name="phone", widget=PhoneWidget())

    class Meta(StaffResource.Meta):
        model = Member
        fields = MEMBER_FIELDS
        export_order = MEMBER_FIELDS

    def get_queryset(self):
        return super().get_queryset().select_related("delegation", "organisation", "hotel")


class MemberWithNeedsResource(MemberResource):
    """Members with dietary and accessibility needs, for staff allowed to see them (GDPR Art. 9)."""

    class Meta(MemberResource.Meta):
        fields = (*MEMBER_FIELDS, *SPECIAL_CATEGORIES)
        export_order = fields
