from django.urls import path

from dienhong.org import views

app_name = "org"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("people/", views.people, name="people"),
    path("people/<int:person_id>/", views.person_detail, name="person"),
    path("units/<int:unit_id>/", views.unit_detail, name="unit"),
    path("deputies/", views.deputies, name="deputies"),
    path("delegations/", views.delegations, name="delegations"),
    # administration
    path("manage/", views.manage, name="manage"),
    path("manage/units/", views.manage_units, name="manage_units"),
    path("manage/units/new/", views.unit_create, name="unit_create"),
    path("manage/units/<int:unit_id>/", views.unit_edit, name="unit_edit"),
    path("manage/units/<int:unit_id>/<slug:action>/", views.unit_change, name="unit_change"),
    path("manage/positions/", views.manage_positions, name="manage_positions"),
    path("manage/positions/<int:position_id>/", views.position_edit, name="position_edit"),
    path("manage/people/", views.manage_people, name="manage_people"),
    path("manage/people/new/", views.person_create, name="person_create"),
    path("manage/people/<int:person_id>/", views.person_edit, name="person_edit"),
    path("manage/people/<int:person_id>/delete/", views.person_delete, name="person_delete"),
    path("manage/roles/", views.manage_roles, name="manage_roles"),
    path("manage/roles/<int:grant_id>/revoke/", views.revoke_role, name="revoke_role"),
]
