from django.urls import path

from programs import views

urlpatterns = [
    path("programs/", views.programs, name="programs"),
    path("programs/<int:program_id>/", views.program, name="program"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/new/", views.meeting_new, name="meeting_new"),
    path("meetings/<int:meeting_id>/", views.meeting, name="meeting"),
    path("people/<int:person_id>/", views.person, name="person"),
    path("commitments/", views.commitments, name="commitments"),
    path("commitments/<int:commitment_id>/status/", views.commitment_status, name="commitment_status"),
]
