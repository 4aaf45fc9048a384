"""Private file storage: certificate PDFs and CE evidence live outside the public media path.

They are served only through permission-checked views, never by URL.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    # A callable, so migrations do not freeze the path and each environment sets its own.
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
