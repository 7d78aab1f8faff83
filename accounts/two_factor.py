"""Two-factor rules: who must give a second factor, setting up a TOTP app, backup codes, checking a code."""

import segno
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import TwoFactorRequirement

BACKUP_CODE_COUNT = 10
SETUP_DEVICE_NAME = "Authenticator-App"
BACKUP_DEVICE_NAME = "Ersatzcodes"


def second_factor_due(user) -> str | None:
    """What an unverified user must do before the admin, in one query: "verify" (has a confirmed device),
    "setup" (a group of theirs requires two factors) or None."""
    has_totp, has_static, required = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .values_list(
            Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            Exists(StaticDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            Exists(TwoFactorRequirement.objects.filter(group__user=OuterRef("pk"), required=True)),
        )
        .get()
    )
    if has_totp or has_static:
        return "verify"
    return "setup" if required else None


def two_factor_required(user) -> bool:
    """True when one of the user's groups requires a second factor."""
    return TwoFactorRequirement.objects.filter(group__user=user, required=True).exists()


def has_confirmed_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def pending_totp_device(user) -> TOTPDevice:
    """The user's TOTP device waiting for its first code, created when there is none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=SETUP_DEVICE_NAME, confirmed=False)


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an SVG QR code in a data: URI (allowed by the CSP's img-src)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def base32_secret(device: TOTPDevice) -> str:
    """The key as authenticator apps take it when typed in, in groups of four."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def confirm_totp_device(device: TOTPDevice, token: str) -> bool:
    """Confirm a pending device with one valid code; False (and nothing changed) for a wrong code."""
    if not device.verify_token(token.strip()):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


@transaction.atomic
def new_backup_codes(user) -> list[str]:
    """Replace the user's backup codes with fresh single-use ones and return them (shown once)."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verified_device(user, token: str):
    """The confirmed device that accepts `token`, or None.

    Each device checks its own throttle (django-otp slows down repeated wrong codes), so guessing is slow.
    """
    token = "".join(token.split())
    if not token:
        return None
    for device in devices_for_user(user, confirmed=True):
        if device.verify_token(token):
            return device
    return None
