"""Demo people: one sign-in per role. Development only (see the seed_demo command)."""

from .models import User
from .roles import Role
from .services import user_create, user_roles_add

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - published demo credential, refused in production

DEMO_PEOPLE = [
    # email, preferred name, certificate (legal) name, roles, superuser
    ("peer@example.org", "Sam", "Samantha R. Two Feathers", [Role.PEER], False),
    ("peer2@example.org", "Jordan", "Jordan A. Whitaker", [Role.PEER], False),
    ("trainer@example.org", "Casey", "Casey L. Morgan", [Role.TRAINER], False),
    ("lead@example.org", "Rae", "Raelynn M. Old Coyote", [Role.LEAD_TRAINER, Role.TRAINER], False),
    ("supervisor@example.org", "Dana", "Dana K. Halvorsen", [Role.SUPERVISOR], False),
    ("hr@example.org", "Pat", "Patricia E. Nguyen", [Role.HR], False),
    ("admin@example.org", "Alex", "Alexander J. Brooks", [Role.ADMINISTRATOR], True),
]


def seed_people() -> dict[str, User]:
    """Create the demo people once; on a later run leave them exactly as they are."""
    people = {}
    for email, preferred, legal, roles, superuser in DEMO_PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = user_create(
                email=email,
                password=DEMO_PASSWORD,
                preferred_name=preferred,
                certificate_name=legal,
                roles=roles,
                is_superuser=superuser,
            )
        else:
            user_roles_add(user=user, roles=roles)
        people[email] = user
    return people
