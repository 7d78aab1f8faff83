"""Every rule of the data model is kept by the database itself, also for code that skips forms and save()."""

import datetime as dt

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from delegations.models import Delegation, Member, Organisation, Partnership, Topic
from pages.models import LegalPage
from press.enums import PageStatus
from press.models import EventPage, Photo
from tests import factories
from visits import enums as v
from visits.models import CompanyAppointment, GuestAccess, ProgrammeItem, Venue

pytestmark = pytest.mark.django_db


def _update(obj, **fields) -> None:
    """A queryset update: no form, no `clean()`, no `save()`, no translation rewriting, only the database."""
    manager = type(obj)._default_manager
    queryset = manager.rewrite(False) if hasattr(manager, "rewrite") else manager.all()
    queryset.filter(pk=obj.pk).update(**fields)


def _same_slug_twice(factory):
    factory(slug="podilsk-2025")
    factory(slug="podilsk-2025")


def _appointment_with_item_of_another_delegation():
    CompanyAppointment.objects.create(
        delegation=factories.DelegationFactory(),
        company=factories.OrganisationFactory(),
        topic=factories.TopicFactory(),
        programme_item=factories.ProgrammeItemFactory(),
    )


def _appointment_pointed_at_item_of_another_delegation():
    appointment = factories.CompanyAppointmentFactory()
    _update(appointment, programme_item=factories.ProgrammeItemFactory())


def _item_moved_away_from_its_appointment():
    appointment = factories.CompanyAppointmentFactory()
    item = factories.ProgrammeItemFactory(delegation=appointment.delegation)
    _update(appointment, programme_item=item)
    _update(item, delegation=factories.DelegationFactory())


def _item_moved_away_by_save():
    appointment = factories.CompanyAppointmentFactory()
    item = factories.ProgrammeItemFactory(delegation=appointment.delegation)
    appointment.programme_item = item
    appointment.save()
    item.delegation = factories.DelegationFactory()
    item.save()


# Each rule, named as in the models (or `unique:<model>.<field>`), and a write that breaks it.
VIOLATIONS = {
    "partnership_signed_after_resolution": lambda: factories.PartnershipFactory(
        council_resolution_on=dt.date(2024, 11, 28), signed_on=dt.date(2024, 11, 27)
    ),
    "partnership_country_is_iso_code": lambda: _update(factories.PartnershipFactory(), partner_country="ua"),
    "organisation_coordinates_both_or_neither": lambda: factories.OrganisationFactory(
        latitude=51.79, longitude=None
    ),
    "organisation_latitude_range": lambda: _update(factories.OrganisationFactory(), latitude=90.5),
    "organisation_longitude_range": lambda: _update(factories.OrganisationFactory(), longitude=-180.5),
    "organisation_country_is_iso_code": lambda: factories.OrganisationFactory(country="de"),
    "delegation_departure_not_before_arrival": lambda: factories.DelegationFactory(
        arrival_date=dt.date(2025, 11, 22), departure_date=dt.date(2025, 11, 16)
    ),
    "unique:delegations.Delegation.slug": lambda: _same_slug_twice(factories.DelegationFactory),
    "unique:delegations.Topic.name": lambda: factories.TopicFactory.create_batch(
        2, name="Wasserstoff", name_de="Wasserstoff"
    ),
    "member_one_head_per_delegation": lambda: factories.MemberFactory.create_batch(
        2, delegation=factories.DelegationFactory(), is_head=True
    ),
    "member_departure_not_before_arrival": lambda: _update(
        factories.MemberFactory(),
        arrival_at=factories.berlin(2025, 11, 16, 14),
        departure_at=factories.berlin(2025, 11, 16, 13),
    ),
    "venue_coordinates_both_or_neither": lambda: _update(factories.VenueFactory(), longitude=None),
    "venue_latitude_range": lambda: _update(factories.VenueFactory(), latitude=-90.5),
    "venue_longitude_range": lambda: _update(factories.VenueFactory(), longitude=180.5),
    "venue_country_is_iso_code": lambda: _update(factories.VenueFactory(), country="D1"),
    "item_ends_after_start": lambda: factories.ProgrammeItemFactory(
        starts_at=factories.berlin(2025, 11, 17, 10), ends_at=factories.berlin(2025, 11, 17, 10)
    ),
    "vehicle_has_a_seat": lambda: factories.VehicleFactory(seats=0),
    "appointment_unique_company_topic": lambda: _appointment_twice(),
    "appointment_declined_has_no_item": lambda: _declined_with_item(),
    "unique:visits.CompanyAppointment.programme_item": lambda: _two_appointments_one_item(),
    "appointment_item_same_delegation (trigger, insert)": _appointment_with_item_of_another_delegation,
    "appointment_item_same_delegation (trigger, update)": _appointment_pointed_at_item_of_another_delegation,
    "appointment_item_same_delegation (trigger, item moved)": _item_moved_away_from_its_appointment,
    "appointment_item_same_delegation (trigger, item saved)": _item_moved_away_by_save,
    "photo_alt_text_required": lambda: _update(factories.PhotoFactory(), alt_text=""),
    "eventpage_scheduled_has_publish_at": lambda: _update(
        factories.EventPageFactory(), status=PageStatus.SCHEDULED, publish_at=None
    ),
    "unique:press.EventPage.slug": lambda: _same_slug_twice(factories.EventPageFactory),
    "unique:visits.GuestAccess.token_hash": lambda: _same_token_twice(),
    "unique:pages.LegalPage.kind": lambda: _update(
        LegalPage.objects.order_by("kind").last(), kind=LegalPage.objects.order_by("kind").first().kind
    ),
    "release_unique_version": lambda: _version_twice(),
    "release_notification_once_per_channel": lambda: _notified_twice(),
    "release_notification_sent_has_time": lambda: _sent_without_time(),
    "release_notification_member_or_contact": lambda: _notice_to_member_and_contact(),
    "release_notification_contact_once_per_channel": lambda: _contact_notified_twice(),
    "unique:visits.StaffAccess.token_hash": lambda: _same_staff_token_twice(),
    "unique:visits.Attachment.code": lambda: _update(
        factories.AttachmentFactory(), code=factories.AttachmentFactory().code
    ),
    "attachment_item_same_delegation (trigger, insert)": lambda: factories.AttachmentFactory(
        item=factories.ProgrammeItemFactory()
    ),
    "attachment_item_same_delegation (trigger, update)": lambda: _update(
        factories.AttachmentFactory(), item=factories.ProgrammeItemFactory()
    ),
    "attachment_member_same_delegation (trigger, insert)": lambda: factories.AttachmentFactory(
        sharing=v.AttachmentSharing.CHOSEN, shared_with=[factories.MemberFactory()]
    ),
}


def _notice_to_member_and_contact():
    from visits.models import ReleaseNotification

    release = factories.ProgrammeReleaseFactory()
    member = factories.MemberFactory(delegation=release.delegation)
    ReleaseNotification.objects.create(
        release=release, member=member, contact=factories.ContactFactory(), language="de"
    )


def _contact_notified_twice():
    from visits.models import ReleaseNotification

    release = factories.ProgrammeReleaseFactory()
    contact = factories.ContactFactory()
    for _ in range(2):
        ReleaseNotification.objects.create(release=release, contact=contact, language="de")


def _same_staff_token_twice():
    from visits.staff import issue_staff_access

    delegation = factories.DelegationFactory()
    access, _ = issue_staff_access(delegation=delegation, contact=factories.ContactFactory())
    from visits.models import StaffAccess

    _update(
        StaffAccess.objects.create(
            delegation=delegation,
            contact=factories.ContactFactory(),
            token_hash="0" * 64,
            token_salt="1" * 32,
            expires_at=access.expires_at,
        ),
        token_hash=access.token_hash,
    )


def _version_twice():
    first = factories.ProgrammeReleaseFactory(version=1)
    factories.ProgrammeReleaseFactory(delegation=first.delegation, version=2)
    _update(first, version=2)


def _notified_twice():
    from visits.models import ReleaseNotification

    release = factories.ProgrammeReleaseFactory()
    member = factories.MemberFactory(delegation=release.delegation)
    for _ in range(2):
        ReleaseNotification.objects.create(release=release, member=member, language="uk")


def _sent_without_time():
    from visits.models import ReleaseNotification

    release = factories.ProgrammeReleaseFactory()
    member = factories.MemberFactory(delegation=release.delegation)
    ReleaseNotification.objects.create(release=release, member=member, language="uk", state="sent")


def _appointment_twice():
    first = factories.CompanyAppointmentFactory()
    factories.CompanyAppointmentFactory(delegation=first.delegation, company=first.company, topic=first.topic)


def _declined_with_item():
    appointment = factories.CompanyAppointmentFactory()
    item = factories.ProgrammeItemFactory(delegation=appointment.delegation)
    _update(appointment, programme_item=item, status=v.AppointmentStatus.DECLINED)


def _two_appointments_one_item():
    delegation = factories.DelegationFactory()
    item = factories.ProgrammeItemFactory(delegation=delegation)
    factories.CompanyAppointmentFactory.create_batch(2, delegation=delegation, programme_item=item)


def _same_token_twice():
    first = factories.MemberFactory()
    from visits.services import issue_guest_access

    access, _ = issue_guest_access(delegation=first.delegation, member=first)
    _update(
        GuestAccess.objects.create(
            delegation=first.delegation, token_hash="0" * 64, expires_at=access.expires_at
        ),
        token_hash=access.token_hash,
    )


def test_every_rule_of_the_data_model_is_in_the_table():
    rules = set()
    for app in ("delegations", "visits", "press", "pages"):
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue
            rules |= {constraint.name for constraint in model._meta.constraints}
            rules |= {
                f"unique:{model._meta.label}.{field.name}"
                for field in model._meta.fields
                if field.unique and not field.primary_key and not hasattr(field, "translated_field")
            }
    tested = {name.split(" (")[0] for name in VIOLATIONS}
    triggers = {"appointment_item_same_delegation", "attachment_item_same_delegation"}
    assert rules == tested - triggers - {"attachment_member_same_delegation"}


@pytest.mark.parametrize("violate", VIOLATIONS.values(), ids=VIOLATIONS.keys())
def test_the_database_refuses_a_write_that_breaks_the_rule(violate):
    with pytest.raises(IntegrityError), transaction.atomic():
        violate()


# The same writes, with the rule kept, go through: so the refusals above are the rules and nothing else.


def test_the_writes_go_through_when_the_rules_are_kept():
    factories.PartnershipFactory(council_resolution_on=dt.date(2024, 11, 28), signed_on=dt.date(2024, 11, 28))
    _update(factories.PartnershipFactory(), partner_country="UA")
    factories.OrganisationFactory(latitude=None, longitude=None)
    _update(factories.OrganisationFactory(), latitude=90, longitude=-180)
    factories.DelegationFactory(arrival_date=dt.date(2025, 11, 16), departure_date=dt.date(2025, 11, 16))
    delegation = factories.DelegationFactory()
    factories.MemberFactory(delegation=delegation, is_head=True)
    factories.MemberFactory.create_batch(2, delegation=delegation, is_head=False)
    factories.MemberFactory(is_head=True)  # the head of another delegation
    _update(factories.VenueFactory(), latitude=None, longitude=None, country="UA")
    factories.VehicleFactory(seats=1)
    factories.VehicleFactory(seats=None)  # not known yet
    factories.ProgrammeItemFactory(
        starts_at=factories.berlin(2025, 11, 17, 10), ends_at=factories.berlin(2025, 11, 17, 10, 1)
    )
    appointment = factories.CompanyAppointmentFactory()
    item = factories.ProgrammeItemFactory(delegation=appointment.delegation)
    _update(appointment, programme_item=item, status=v.AppointmentStatus.CONFIRMED)
    _update(item, title_de="Besuch bei den Stadtwerken")  # not moved: the trigger lets it pass
    factories.ProgrammeItemFactory(delegation=appointment.delegation).save()
    _update(appointment, programme_item=None, status=v.AppointmentStatus.DECLINED)
    _update(item, delegation=factories.DelegationFactory())  # no appointment points at it any more
    factories.CompanyAppointmentFactory(
        delegation=appointment.delegation, company=appointment.company, topic=factories.TopicFactory()
    )
    _update(
        factories.EventPageFactory(), status=PageStatus.SCHEDULED, publish_at=factories.berlin(2025, 11, 20)
    )

    assert Partnership.objects.filter(signed_on=dt.date(2024, 11, 28)).count() == 1
    assert Organisation.objects.filter(latitude=90).count() == 1
    assert Delegation.objects.filter(
        arrival_date=dt.date(2025, 11, 16), departure_date=dt.date(2025, 11, 16)
    ).exists()
    assert Member.objects.filter(is_head=True).count() == 2
    assert Venue.objects.filter(country="UA").count() == 1
    assert CompanyAppointment.objects.filter(company=appointment.company).count() == 2
    assert ProgrammeItem.objects.get(pk=item.pk).delegation_id != appointment.delegation_id
    assert EventPage.objects.filter(status=PageStatus.SCHEDULED).count() == 1
    assert Topic.objects.count() >= 2
    assert Photo.objects.count() == 0
