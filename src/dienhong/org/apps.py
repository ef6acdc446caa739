from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "dienhong.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from dienhong.org import signals

        signals.connect()
