from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ucj import entry_views, history_views, import_views, program_views, views

urlpatterns = [
    path("", views.overview, name="overview"),
    path("regions/<str:code>/", views.region, name="region"),
    path("regions/<str:code>/history/", history_views.region_history, name="region_history"),
    path("regions/<str:code>/figures/", history_views.region_figures, name="region_figures"),
    path("history/<int:change_id>/revert/", history_views.revert, name="revert_change"),
    path("entry/", entry_views.entry_index, name="entry_index"),
    path("entry/completeness/", entry_views.entry_completeness, name="entry_completeness"),
    path("entry/<str:month>/", entry_views.entry_grid, name="entry_grid"),
    path("imports/", import_views.imports, name="imports"),
    path("imports/<int:batch_id>/", import_views.import_preview, name="import_preview"),
    path("imports/<int:batch_id>/confirm/", import_views.import_confirm, name="import_confirm"),
    path("imports/<int:batch_id>/discard/", import_views.import_discard, name="import_discard"),
    path("imports/<int:batch_id>/undo/", import_views.import_undo, name="import_undo"),
    path("imports/templates/<str:kind>.xlsx", import_views.import_template, name="import_template"),
    path("exports/figures/", import_views.export_figures, name="export_figures"),
    path("programs/", program_views.programs, name="programs"),
    path("programs/<int:program_id>/", program_views.program, name="program"),
    path("meetings/", program_views.meetings, name="meetings"),
    path("meetings/new/", program_views.meeting_new, name="meeting_new"),
    path("meetings/<int:meeting_id>/", program_views.meeting, name="meeting"),
    path("people/<int:person_id>/", program_views.person, name="person"),
    path("commitments/", program_views.commitments, name="commitments"),
    path("commitments/<int:commitment_id>/status/", program_views.commitment_status, name="commitment_status"),
    path("api/regions/<str:code>/coverage/", views.region_coverage_api, name="region_coverage_api"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
