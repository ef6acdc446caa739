from django.urls import path

from dienhong.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("upload/", views.upload, name="upload"),
    path("new/", views.create, name="create"),
    path("searches/", views.save_search, name="save_search"),
    path("dossiers/", views.dossiers, name="dossiers"),
    path("<int:pk>/dossiers/", views.file_in_dossier, name="file_in_dossier"),
    path("searches/<int:saved_id>/delete/", views.delete_search, name="delete_search"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/suggestions/", views.accept_suggestions, name="accept_suggestions"),
    path("<int:pk>/links/", views.add_link, name="add_link"),
    path("<int:pk>/versions/", views.add_version, name="add_version"),
    path("<int:pk>/files/<int:file_id>/retry/", views.retry, name="retry"),
    path("<int:pk>/files/<int:file_id>/download/", views.download, name="download"),
    path("<int:pk>/files/<int:file_id>/pages/<int:page>.png", views.preview, name="preview"),
]
