from django.urls import path

from .views import authorities as authority_views
from .views import drafting, keep, tracking
from .views import route_tracking as route_tracking_views
from .views import routes as route_views

app_name = "rights"

urlpatterns = [
    path("new/", drafting.request_form, name="new"),
    path("edit/", drafting.request_edit, name="edit"),
    path("preview/", drafting.request_preview, name="preview"),
    path("letter.pdf", drafting.request_pdf, name="pdf"),
    path("letter.txt", drafting.request_text, name="text"),
    path("due-date.ics", drafting.request_calendar, name="calendar_unsaved"),
    path("next/", drafting.request_next, name="next"),
    path("next/follow-up/", drafting.request_followup, name="followup_unsaved"),
    path("authorities/", authority_views.authority_finder, name="authorities"),
    path("letters/<slug:kind>/", route_views.route_letter, name="route_letter"),
    path("letters/<slug:kind>/preview/", route_views.route_preview, name="route_preview"),
    path("letters/<slug:kind>/edit/", route_views.route_edit, name="route_edit"),
    path("letters/<slug:kind>/letter.pdf", route_views.route_pdf, name="route_pdf"),
    path("letters/<slug:kind>/letter.txt", route_views.route_text, name="route_text"),
    path("letters/<slug:kind>/save/", route_tracking_views.route_save, name="route_save"),
    path("letters/<slug:kind>/remind-me/", route_tracking_views.route_wait, name="route_wait"),
    path("mine/letters/<uuid:request_id>/", route_tracking_views.saved_route, name="saved_route"),
    path(
        "mine/letters/<uuid:request_id>/letter.pdf",
        route_tracking_views.saved_route_pdf,
        name="saved_route_pdf",
    ),
    path(
        "mine/letters/<uuid:request_id>/answered/",
        route_tracking_views.saved_route_answered,
        name="saved_route_answered",
    ),
    path(
        "mine/letters/<uuid:request_id>/delete/",
        route_tracking_views.saved_route_delete,
        name="saved_route_delete",
    ),
    path("save/", tracking.save, name="save"),
    path("keep/sign-up/", keep.keep_by_signup, name="keep_signup"),
    path("keep/sign-in/", keep.keep_by_signin, name="keep_signin"),
    path("mine/", tracking.dashboard, name="mine"),
    path("mine/<uuid:request_id>/", tracking.detail, name="saved"),
    path("mine/<uuid:request_id>/events/", tracking.add_event, name="add_event"),
    path("mine/<uuid:request_id>/due-date/", tracking.set_due_date, name="due_date"),
    path("mine/<uuid:request_id>/notes/", tracking.save_notes, name="notes"),
    path("mine/<uuid:request_id>/reopen/", tracking.reopen, name="reopen"),
    path("mine/<uuid:request_id>/delete/", tracking.delete, name="delete"),
    path("mine/<uuid:request_id>/letter.pdf", tracking.letter_pdf, name="saved_pdf"),
    path("mine/<uuid:request_id>/due-date.ics", tracking.calendar, name="calendar"),
    path("mine/<uuid:request_id>/timeline.pdf", tracking.timeline_pdf, name="timeline_pdf"),
    path("mine/<uuid:request_id>/case-file.zip", tracking.case_file, name="case_file"),
    path("mine/<uuid:request_id>/follow-up/<slug:kind>/", tracking.followup, name="followup"),
    path(
        "mine/<uuid:request_id>/follow-up/<slug:kind>.pdf",
        tracking.followup_pdf,
        name="followup_pdf",
    ),
    path(
        "mine/<uuid:request_id>/files/<int:file_id>/", tracking.response_file, name="response_file"
    ),
]
