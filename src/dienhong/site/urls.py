from django.urls import path

from dienhong.site import views

app_name = "site"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("audit/", views.audit_log, name="audit"),
    path("language/", views.set_language, name="set_language"),
]
