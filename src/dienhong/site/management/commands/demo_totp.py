"""``dienhong demo_totp``: the current TOTP code of the demo administrator (demo data only)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from dienhong.org.demo import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "Print the demo administrator's current two-factor code."

    def handle(self, *args: Any, **options: Any) -> None:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user__username="quantri", key=DEMO_TOTP_KEY).first()
        if device is None:
            raise CommandError(
                "No demo administrator here (this command only serves the demo data)."
            )
        self.stdout.write(f"{totp(bytes.fromhex(DEMO_TOTP_KEY)):06d}")
