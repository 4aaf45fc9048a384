"""Audit packet pages: ask for one (yourself; a supervisor, a supervisee; an administrator,
anyone or a random sample), watch it being prepared, download it (the person who asked)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from lms.core.errors import DomainError
from lms.people.models import User

from . import permissions
from .forms import PersonPacketForm, SamplePacketForm, default_period
from .models import AuditPacket
from .services import audit_packet_downloaded, audit_packet_request, audit_sample_request


def _chosen_person(request, raw) -> User | None:
    """The person named in the request, refused (403) when the requester may not have their
    packet; None when nobody (or no one who exists) is named, for the form to say so."""
    if not isinstance(raw, str) or not raw.isdigit() or int(raw) > 2**63 - 1:
        return None  # not an id (the form says so) rather than a database error
    person = User.objects.filter(pk=int(raw), is_active=True).first()
    if person is not None and not permissions.can_request_packet_for(request.user, person):
        raise PermissionDenied("You can ask for your own packet, or a supervisee's.")
    return person


@login_required
@require_http_methods(["GET", "POST"])
def request_view(request):
    user = request.user
    people = permissions.people_packetable_by(user).order_by("preferred_name", "pk")
    may_sample = permissions.can_request_sample(user)
    start, end = default_period(timezone.localdate())
    initial = {"period_start": start, "period_end": end}
    kind = request.POST.get("kind", "person") if request.method == "POST" else "person"
    if kind not in ("person", "sample"):
        kind = "person"
    if kind == "sample" and not may_sample:
        raise PermissionDenied("A random sample is for administrators.")
    chosen = _chosen_person(
        request,
        request.POST.get("person") if request.method == "POST" else request.GET.get("person"),
    )
    data = request.POST if request.method == "POST" and kind == "person" else None
    person_form = PersonPacketForm(
        data, people=people, initial={**initial, "person": (chosen or user).pk}
    )
    sample_data = request.POST if request.method == "POST" and kind == "sample" else None
    sample_form = SamplePacketForm(sample_data, initial=initial) if may_sample else None
    status = 200
    if request.method == "POST":
        status = 400
        form = person_form if kind == "person" else sample_form
        if form.is_valid():
            fields = form.cleaned_data
            try:
                if kind == "person":
                    packet = audit_packet_request(
                        person=fields["person"],
                        period_start=fields["period_start"],
                        period_end=fields["period_end"],
                        acting_user=user,
                    )
                else:
                    packet = audit_sample_request(
                        credential_type=fields["credential_type"],
                        size=fields["size"],
                        seed=fields["seed"],
                        period_start=fields["period_start"],
                        period_end=fields["period_end"],
                        acting_user=user,
                    )
            except DomainError as error:
                form.add_error(None, error.message)
                status = error.status_code
            else:
                return redirect("audits:packet", packet_id=packet.pk)
    return render(
        request,
        "audits/request.html",
        {
            "person_form": person_form,
            "sample_form": sample_form,
            "choose_person": people.exclude(pk=user.pk).exists(),
            "kind": kind,
            "recent": permissions.packets_visible_to(user)[:10],
        },
        status=status,
    )


def _packet_for(request, packet_id: int) -> AuditPacket:
    packet = get_object_or_404(
        AuditPacket.objects.select_related("person", "credential_type"), pk=packet_id
    )
    if not permissions.can_view_packet(request.user, packet):
        raise PermissionDenied("An audit packet is shown only to the person who asked for it.")
    return packet


@login_required
def packet_view(request, packet_id: int):
    packet = _packet_for(request, packet_id)
    people = User.objects.in_bulk(packet.people)
    return render(
        request,
        "audits/packet.html",
        {"packet": packet, "people": [people[pk] for pk in packet.people if pk in people]},
    )


@login_required
def download_view(request, packet_id: int):
    packet = _packet_for(request, packet_id)
    if not packet.downloadable:
        raise Http404("This packet is not ready, or its file has been deleted.")
    audit_packet_downloaded(packet=packet, acting_user=request.user)
    response = FileResponse(
        packet.zip.open("rb"),
        as_attachment=True,
        filename=f"audit-packet-{packet.pk}-{packet.period_start}-{packet.period_end}.zip",
        content_type="application/zip",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
