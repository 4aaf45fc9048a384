"""Wagtail admin user screens for the hub's user model."""

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .forms import NormalisedEmailField

PERSON_FIELDS = {"email", "preferred_name", "certificate_name", "phone", "is_superuser", "groups"}


class HubUserCreationForm(UserCreationForm):
    first_name = None
    last_name = None
    # Any spelling is read as the one normalised address (lms.people.emails); the model refuses one
    # that is not ASCII once normalised, and the database a second spelling of a taken one.
    email = NormalisedEmailField(label="Email")

    class Meta(UserCreationForm.Meta):
        fields = PERSON_FIELDS


class HubUserEditForm(UserEditForm):
    first_name = None
    last_name = None
    email = NormalisedEmailField(label="Email")

    class Meta(UserEditForm.Meta):
        fields = PERSON_FIELDS | {"is_active"}


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return HubUserEditForm if for_update else HubUserCreationForm
