"""Wagtail's site lookup, kept between requests."""

from django.http.request import split_domain_port
from wagtail import views as wagtail_views
from wagtail.models import Site

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
