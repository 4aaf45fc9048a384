"""Wagtail's site lookup, kept between requests; a word after a lead trainer approves."""

from django.contrib import messages
from django.http.request import split_domain_port
from wagtail import views as wagtail_views
from wagtail.models import Page, Site, TaskState

from .caching import content_version

MAX_HOSTS = 50


class CachedSiteMiddleware:
    """Wagtail finds the request's Site with a query on every page it serves (a few ms of
    query building and a round trip). Sites change about never, and every change to one
    bumps the content version (`courses.signals`), so each process keeps the answer per host
    and port until the content version moves on. Wagtail reads it from
    `request._wagtail_site`, the per-request cache of `Site.find_for_request`. Only for
    Wagtail's page view: other views don't need a site.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.sites: dict[tuple[str, int | str], tuple[str, Site | None]] = {}

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve:
            return None
        # As Wagtail does: the raw host (ALLOWED_HOSTS is checked earlier) and the port.
        where = (split_domain_port(request._get_raw_host())[0], request.get_port())
        version = content_version()
        cached = self.sites.get(where)
        if cached is not None and cached[0] == version:
            request._wagtail_site = cached[1]
        else:
            if len(self.sites) > MAX_HOSTS:  # only allowed hosts get here; still, bounded
                self.sites.clear()
            self.sites[where] = (version, Site.find_for_request(request))
        return None


class ApprovalMessageMiddleware:
    """Wagtail approves a page from the dashboard's "Awaiting your review" without a word: the
    lead trainer is told what happened on the page they land on next ("… approved and
    published"). Only for Wagtail's workflow action view, only once the task is approved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if (
            request.method == "POST"
            and match is not None
            and match.view_name == "wagtailadmin_pages:workflow_action"
            and match.kwargs.get("action_name") == "approve"
            and response.status_code in (200, 302)
            and TaskState.objects.filter(
                pk=match.kwargs["task_state_id"], status=TaskState.STATUS_APPROVED
            ).exists()
        ):
            page = Page.objects.filter(pk=match.kwargs["page_id"]).first()
            if page is not None:
                done = "approved and published" if page.live else "approved"
                if page.workflow_in_progress:
                    done = "approved; the next step of its workflow is waiting"
                messages.success(request, f"“{page.title}” {done}.")
        return response
