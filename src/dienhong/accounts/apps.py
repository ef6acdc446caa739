from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "dienhong.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from dienhong.accounts.permissions import has_perm
        from dienhong.core.selectors import set_permission_check

        # The audit log's readers are decided by roles, which core cannot see.
        set_permission_check(lambda user, permission: has_perm(user, permission))
