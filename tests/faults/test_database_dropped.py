"""The PostgreSQL connection dropped in the middle of a request: a 503 page, nothing half-saved.

The trainer's attendance form writes every attendee's hours all-or-nothing. A trigger on the
test database makes the last attendee's row sleep, so the request is caught with the first
rows already written inside its transaction; another connection then terminates the
request's backend, as a PostgreSQL restart or failover would.
"""

import threading
import time
from contextlib import closing
from decimal import Decimal

import psycopg2
import pytest
from django.db import connection
from django.urls import reverse

from certificates.models import Credential
from courses.models import Attendance, Enrolment, SessionSignup
from courses.services.sessions import AttendanceLine, attendance_record
from lms.people.models import AuditEntry, Notification
from lms.people.roles import Role
from tests.celery_support import database_url
from tests.courses.helpers import enrol, light_course, past_session
from tests.factories import UserFactory

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SLEEP_SECONDS = 20  # how long the trigger holds the write if nobody terminates it
TERMINATE_WITHIN_SECONDS = 15
TRIGGER = "faults_sleep_on_attendance"


@pytest.fixture
def sleep_when_attendance_is_written(transactional_db):
    """sleep_when_attendance_is_written(enrolment_id): that row's write sleeps in PostgreSQL."""
    table = Attendance._meta.db_table

    def install(enrolment_id: int) -> None:
        with connection.cursor() as cursor:
            # Ids are integers from the test, never input; DDL takes no parameters.
            cursor.execute(
                f"CREATE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF NEW.enrolment_id = {int(enrolment_id)} THEN "
                f"PERFORM pg_sleep({SLEEP_SECONDS}); END IF; RETURN NEW; END $$"
            )
            cursor.execute(
                f"CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {TRIGGER}()"
            )

    yield install
    connection.close()  # the request's connection was terminated: start a fresh one
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {table}")
        cursor.execute(f"DROP FUNCTION IF EXISTS {TRIGGER}()")


def terminate_when_asleep(backend_pid: int) -> tuple[threading.Thread, dict]:
    """From a connection of its own, terminate `backend_pid` once it sleeps in the trigger."""
    seen: dict = {}

    def watch():
        with closing(psycopg2.connect(database_url())) as watcher:
            watcher.autocommit = True
            with watcher.cursor() as cursor:
                deadline = time.monotonic() + TERMINATE_WITHIN_SECONDS
                while time.monotonic() < deadline:
                    cursor.execute(
                        "SELECT query FROM pg_stat_activity "
                        "WHERE pid = %s AND wait_event = 'PgSleep'",
                        [backend_pid],
                    )
                    row = cursor.fetchone()
                    if row:
                        seen["query"] = row[0]
                        cursor.execute("SELECT pg_terminate_backend(%s)", [backend_pid])
                        seen["terminated"] = cursor.fetchone()[0]
                        return
                    time.sleep(0.05)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread, seen


def stored_rows() -> dict[str, list[dict]]:
    """Everything recording attendance can write, directly or through course completion."""
    models = (Attendance, Enrolment, AuditEntry, Notification, Credential)
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


def test_a_connection_dropped_mid_write_gives_a_503_page_and_saves_nothing(
    client, trainer, sleep_when_attendance_is_written, caplog
):
    course = light_course()
    session = past_session(course, hours=4, trainer=trainer)
    # The form lists attendees by name and the service writes them in that order.
    enrolments = [
        enrol(UserFactory(roles=[Role.PEER], preferred_name=name), course)
        for name in ("Ada", "Ben", "Cleo")
    ]
    for enrolment in enrolments:
        SessionSignup.objects.create(session=session, enrolment=enrolment)
    attendance_record(
        session=session,
        lines=[AttendanceLine(enrolment_id=e.pk, hours="1") for e in enrolments[:2]],
        acting_user=trainer,
    )
    before = stored_rows()
    assert len(before["Attendance"]) == 2

    client.force_login(trainer)
    client.raise_request_exception = False  # see what a browser would get
    sleep_when_attendance_is_written(enrolments[2].pk)
    connection.ensure_connection()  # the test client's requests run on this connection
    thread, seen = terminate_when_asleep(connection.connection.info.backend_pid)
    response = client.post(
        reverse("courses:attendance", args=[session.pk]),
        {f"hours_{e.pk}": "2" for e in enrolments},
    )
    thread.join(timeout=TERMINATE_WITHIN_SECONDS + 5)

    # Ada's and Ben's rows were written; the kill came while Cleo's was being inserted.
    assert seen.get("terminated") is True, "the request never reached the sleeping write"
    assert seen["query"].startswith(f'INSERT INTO "{Attendance._meta.db_table}"')
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Please try again in a minute" in page
    assert "Traceback" not in page and "OperationalError" not in page
    assert any(
        record.name == "lms.middleware" and record.levelname == "ERROR" and record.exc_info
        for record in caplog.records
    )

    connection.close()
    assert stored_rows() == before
    assert set(Attendance.objects.values_list("hours", flat=True)) == {Decimal("1.00")}
