"""Test harness: a Celery worker whose first certificate rendering hangs, so a test can kill it.

Run as `python -m tests.faults.hanging_render_worker <celery worker arguments>` from the
project root, with FAULTS_RENDER_MARKER naming a file. In this worker process only (and its
pool children), the first rendering of a certificate PDF writes the marker (the id of the
process rendering) and then sleeps, inside the task's transaction with the credential row
locked. FAULTS_HANG_AFTER says where:

- "render" (default): the PDF is rendered in memory, nothing is stored yet;
- "store": the PDF file is already in private storage, the database does not know it yet.

Once the marker exists, rendering runs normally, so a redelivered task completes.
No hook in the application code: the wrapping happens here, before each task runs.
"""

import os
import sys
import time
from pathlib import Path

from celery.signals import task_prerun

HANG_SECONDS = 600  # far longer than any test waits: the test kills the process first


def _then_hang_once(function, marker: Path):
    def then_hang(*args, **kwargs):
        result = function(*args, **kwargs)
        if not marker.exists():
            # Renamed into place, so a test that sees the marker can read the whole id.
            written = marker.with_name(marker.name + ".tmp")
            written.write_text(str(os.getpid()))
            written.replace(marker)
            time.sleep(HANG_SECONDS)
        return result

    then_hang.hangs = True
    return then_hang


def _wrap_rendering(**kwargs):
    # Django is set up by the time a task runs, so the models can be imported now.
    from certificates import rendering
    from certificates.models import Credential

    marker = Path(os.environ["FAULTS_RENDER_MARKER"])
    if os.environ.get("FAULTS_HANG_AFTER", "render") == "store":
        # The issuance service saves through the field's one storage instance.
        owner, name = Credential._meta.get_field("pdf").storage, "save"
    else:
        # The issuance service looks the function up on the module at each call.
        owner, name = rendering, "render_certificate_pdf"
    if not getattr(getattr(owner, name), "hangs", False):
        setattr(owner, name, _then_hang_once(getattr(owner, name), marker))


def main(argv: list[str]) -> None:
    from lms.celery import app

    task_prerun.connect(_wrap_rendering, weak=False)
    app.start(argv=argv)


if __name__ == "__main__":
    main(sys.argv[1:])
