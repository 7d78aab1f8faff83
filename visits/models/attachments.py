"""Documents of a visit or of one programme item (agenda, slides, visa papers, contracts), kept private.

The file lives in the private storage (`core.storage`), which no URL reaches, under a random name; staff with
the permission download it through the admin, a guest through their own link when it is shared with them
(`AttachmentQuerySet.for_link`). What the file is was found from its content when it was uploaded
(`visits.attachments`).
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from core.private_files import delete_after_commit, random_name
from core.storage import private_storage
from delegations.models import Delegation, Member

from ..enums import AttachmentKind, AttachmentSharing
from .programme import ProgrammeItem
from .releases import ReleasedItem


def new_code() -> str:
    """The random part of a guest's download address: names the file, says nothing of how many there are."""
    return secrets.token_urlsafe(12)


def attachment_upload_to(instance, filename: str) -> str:
    # The suffix is the one the content check found (`visits.attachments.checked_upload`).
    return random_name("attachments", filename)


class AttachmentQuerySet(models.QuerySet):
    def for_link(self, access):
        """What a guest link may download: of its delegation, shared with all members or with the link's
        member by name, and, for an item's document, only while the link shows that item (its latest
        release, by the itinerary's own rules)."""
        documents = self.filter(delegation=access.delegation_id)
        if access.member_id:
            chosen = Attachment.shared_with.through.objects.filter(
                attachment=OuterRef("pk"), member=access.member_id
            )
            documents = documents.filter(
                Q(sharing=AttachmentSharing.ALL_MEMBERS) | Q(Exists(chosen), sharing=AttachmentSharing.CHOSEN)
            )
            shown = ReleasedItem.objects.for_guest(access.member)
        else:
            documents = documents.filter(sharing=AttachmentSharing.ALL_MEMBERS)
            shown = ReleasedItem.objects.for_delegation(access.delegation_id)
        return documents.filter(Q(item__isnull=True) | Exists(shown.filter(item=OuterRef("item"))))

    def in_order(self):
        return self.order_by("item__starts_at", "title", "pk")


class Attachment(models.Model):
    """A document of a delegation's visit, or of one of its programme items, with whom it is shared."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("Delegation"), on_delete=models.CASCADE, related_name="attachments"
    )
    item = models.ForeignKey(
        ProgrammeItem,
        verbose_name=_("Programmpunkt"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        help_text=_("Leer: eine Unterlage zum ganzen Besuch."),
    )
    title = models.CharField(_("Titel"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=AttachmentKind, default=AttachmentKind.OTHER)
    file = models.FileField(
        _("Datei"),
        upload_to=attachment_upload_to,
        storage=private_storage,
        max_length=200,
        help_text=_(
            "PDF, Word, Excel, PowerPoint (docx, xlsx, pptx), OpenDocument (odt, ods, odp), JPEG oder PNG. "
            "Bilder werden ohne Metadaten (EXIF, GPS) neu gespeichert."
        ),
    )
    file_name = models.CharField(_("Dateiname"), max_length=120, editable=False)
    content_type = models.CharField(_("Dateityp"), max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("Größe (Bytes)"), default=0, editable=False)
    sharing = models.CharField(
        _("Freigegeben für"),
        max_length=20,
        choices=AttachmentSharing,
        default=AttachmentSharing.STAFF,
        help_text=_("Gäste sehen freigegebene Unterlagen auf ihrer persönlichen Programmseite."),
    )
    shared_with = models.ManyToManyField(
        Member,
        verbose_name=_("ausgewählte Mitglieder"),
        blank=True,
        related_name="shared_attachments",
        help_text=_("Nur bei „ausgewählte Mitglieder“: wer die Unterlage über den eigenen Link sieht."),
    )
    # The random part of the guest's download address; a new file gets a new one, so no device keeps an old
    # copy under the same address.
    code = models.CharField(_("Code"), max_length=24, unique=True, default=new_code, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hochgeladen von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Unterlage")
        verbose_name_plural = _("Unterlagen")
        ordering = ["delegation", "title", "pk"]
        permissions = [("download_attachment", _("Kann Unterlagen herunterladen"))]

    def __str__(self) -> str:
        return self.title

    @property
    def suffix(self) -> str:
        """The format as people name it (PDF, DOCX, JPG), from the suffix the content check gave."""
        return self.file_name.rsplit(".", 1)[-1].upper()

    def clean(self) -> None:
        super().clean()
        if self.item_id and self.delegation_id and self.item.delegation_id != self.delegation_id:
            raise ValidationError(
                {"item": _("Der Programmpunkt gehört zu einer anderen Delegation als die Unterlage.")}
            )

    @classmethod
    def anonymise_member(cls, member: Member) -> int:
        """A member's erasure (`privacy.services.erase_member`): what was shared with them alone goes (their
        visa papers, say), file and all; from what others share too, they are taken off. Returns the count."""
        touched = 0
        for attachment in cls.objects.filter(shared_with=member).prefetch_related("shared_with"):
            others = [m for m in attachment.shared_with.all() if m.pk != member.pk]
            if others:
                attachment.shared_with.remove(member)
            else:
                attachment.delete()
            touched += 1
        return touched


@receiver(post_delete, sender=Attachment)
def delete_attachment_file(sender, instance: Attachment, **kwargs) -> None:
    """A deleted document takes its file along, once the deletion is committed."""
    delete_after_commit(instance.file)
