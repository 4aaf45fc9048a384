"""factory_boy factories shared by the whole suite."""

import factory
from django.contrib.auth.models import Group

from lms.models import User

TEST_PASSWORD = "a-long-test-password-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    preferred_name = factory.Faker("first_name")
    certificate_name = factory.LazyAttribute(lambda o: f"{o.preferred_name} Example")
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=[str(role) for role in extracted]))
