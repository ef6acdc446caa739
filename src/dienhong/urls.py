from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("dienhong.site.urls")),
    path("accounts/", include("dienhong.accounts.urls")),
    path("org/", include("dienhong.org.urls")),
    path("work/", include("dienhong.work.urls")),
    path("documents/", include("dienhong.documents.urls")),
    path("search/", include("dienhong.search.urls")),
    path("sittings/", include("dienhong.sittings.urls")),
    path("api/v1/", include("dienhong.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(  # type: ignore[arg-type]
        settings.MEDIA_URL, document_root=settings.MEDIA_ROOT
    )
