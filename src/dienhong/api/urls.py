from django.urls import path

from dienhong.api.main import api

urlpatterns = [path("", api.urls)]
