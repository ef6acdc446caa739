from django.urls import path

from dienhong.work import views

app_name = "work"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("mine/", views.my_tasks, name="mine"),
    path("unit/", views.unit_tasks, name="unit_tasks"),
    path("views/save/", views.view_save, name="view_save"),
    path("views/<int:pk>/delete/", views.view_delete, name="view_delete"),
    path("directives/", views.directive_list, name="directives"),
    path("directives/new/", views.directive_new, name="directive_new"),
    path("directives/<int:pk>/", views.directive_detail, name="directive"),
    path("directives/<int:pk>/import/", views.import_conclusion, name="import"),
    path("directives/<int:pk>/import-xlsx/", views.import_xlsx, name="import_xlsx"),
    path("directives/<int:pk>/review/", views.review, name="review"),
    path("import/template.xlsx", views.xlsx_template, name="xlsx_template"),
    path("tasks/new/", views.task_new, name="task_new"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/<slug:action>/", views.task_action, name="task_action"),
    path("milestones/<int:pk>/done/", views.milestone_done, name="milestone_done"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("people-options/", views.people_options, name="people_options"),
    path("notifications/", views.notifications, name="notifications"),
    path("reports/", views.report, name="report"),
    path("calendar/", views.feed, name="feed"),
    path("ical/<str:token>.ics", views.ical, name="ical"),
]
