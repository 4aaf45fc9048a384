"""What the learning pages keep in the shared cache, and what makes it stale.

Two kinds of cached data, each under keys that carry a *version token*, so that nothing is
ever deleted or overwritten to invalidate it: a change stores a new token, and readers stop
asking for the keys built on the old one (which then expire on their own).

- Content (course outlines, rendered lesson bodies, the page at a URL path) is keyed on the
  **content version**, which changes whenever a page, site, image or document is saved,
  published, unpublished, moved or deleted (`courses.signals`).
- A learner's own progress (enrolments, lessons started and done, quizzes passed, hours
  attended) is keyed on the learner's id and their **learner version**, which changes on
  every write to those rows. Keys always carry the learner's id, so one person's data is
  never served to another.

A version changes twice per write: at once (so the writing request, and tests, which never
commit, see the change) and again after the transaction commits. The second change matters:
a reader that ran between the first change and the commit may have cached the old rows
under the new token.
"""

import hashlib
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from wagtail.models import Page, PageViewRestriction

# Part of every key: change it when what is cached changes shape, so that a new release
# never reads what the previous one stored.
KEY_PREFIX = "courses:2"
CONTENT_VERSION_KEY = f"{KEY_PREFIX}:content-version"
# A safety net only: every change that matters already switches to new keys.
CONTENT_TIMEOUT = 6 * 3600
LEARNER_TIMEOUT = 3600


def _learner_version_key(learner_id: int) -> str:
    return f"{KEY_PREFIX}:learner-version:{learner_id}"


def _new_token() -> str:
    return uuid.uuid4().hex[:12]


def versions(*, learner_id: int | None = None) -> tuple[str, str | None]:
    """The current content version and, for a signed-in learner, their version (1 round trip).

    A missing token (never set, or evicted) is replaced by a new random one, never by an
    older one, so data cached under an earlier token can't come back.
    """
    keys = [CONTENT_VERSION_KEY]
    if learner_id is not None:
        keys.append(_learner_version_key(learner_id))
    found = cache.get_many(keys)
    tokens = []
    for key in keys:
        token = found.get(key)
        if token is None:
            token = _new_token()
            if not cache.add(key, token, timeout=None):
                token = cache.get(key) or token
        tokens.append(token)
    return tokens[0], (tokens[1] if learner_id is not None else None)


def content_version() -> str:
    return versions()[0]


def _bump(key: str) -> None:
    cache.set(key, _new_token(), timeout=None)
    transaction.on_commit(lambda: cache.set(key, _new_token(), timeout=None))


def content_changed() -> None:
    """Pages or what they show changed: outlines, lesson bodies and routes are rebuilt."""
    _bump(CONTENT_VERSION_KEY)


def learner_progress_changed(*, learner_id: int) -> None:
    """A learner's enrolments, lesson progress, quiz results, sign-ups or hours changed."""
    _bump(_learner_version_key(learner_id))


def any_view_restrictions() -> bool:
    """Whether any page has a Wagtail view restriction (password, sign-in or groups)."""

    key = f"{KEY_PREFIX}:any-view-restriction:{content_version()}"
    found = cache.get(key)
    if found is None:
        found = PageViewRestriction.objects.exists()
        cache.set(key, found, timeout=CONTENT_TIMEOUT)
    return found


def page_at_path(*, home: Page, path_components: list[str]) -> Page | None:
    """The page (its specific type) at this path below `home`, or None; live or not.

    Which page sits at a URL is cached per content version, so a lesson costs one query
    (its own row) where finding it by url_path and then its specific type took two.
    """
    url_path = f"{home.url_path}{'/'.join(path_components)}/"
    digest = hashlib.sha256(url_path.encode()).hexdigest()[:32]  # keys stay short and plain
    key = f"{KEY_PREFIX}:route:{versions()[0]}:{home.pk}:{digest}"
    found = cache.get(key)
    if found is None:
        found = (
            Page.objects.descendant_of(home)
            .filter(depth=home.depth + len(path_components), url_path=url_path)
            .values_list("pk", "content_type_id")
            .first()
        )
        if found is None:
            return None
        cache.set(key, found, CONTENT_TIMEOUT)
    page_id, content_type_id = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    return model.objects.filter(pk=page_id).first()
