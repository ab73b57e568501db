import datetime

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from eia.authorization import Role
from eia.calendar import add_working_days
from eia.models import Directorate, LocalCharacteristic, Organisation, PipelineItem, User


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Council {n}")
    short_name = factory.Sequence(lambda n: f"Council {n}")
    slug = factory.Sequence(lambda n: f"council-{n}")
    kind = Organisation.Kind.COUNTY_COUNCIL

    @factory.post_generation
    def local_characteristics(self, create, extracted, **kwargs):
        """Switched on since 2020; rurality by default, as many county councils do."""
        for characteristic in ["rurality"] if extracted is None else extracted:
            LocalCharacteristic.objects.create(
                organisation=self,
                characteristic=characteristic,
                starts_on=datetime.date(2020, 4, 1),
            )


class DirectorateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Directorate

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Directorate {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = "Person"
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            self.groups.add(Group.objects.get_or_create(name=Role(role).value)[0])


class PipelineItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PipelineItem

    organisation = factory.SubFactory(OrganisationFactory)
    directorate = factory.SubFactory(
        DirectorateFactory, organisation=factory.SelfAttribute("..organisation")
    )
    reference = factory.Sequence(lambda n: f"REF-{n:04d}")
    title = factory.Sequence(lambda n: f"Proposal {n}")
    kind = PipelineItem.Kind.SERVICE_REDESIGN
    summary = "A change to a public service."
    owner = factory.SubFactory(
        UserFactory,
        organisation=factory.SelfAttribute("..organisation"),
        roles=[Role.PROJECT_MANAGER],
    )
    decision_maker = factory.SubFactory(
        UserFactory,
        organisation=factory.SelfAttribute("..organisation"),
        roles=[Role.DECISION_MAKER],
    )
    decision_body = "Cabinet"
    # A working day, as the pipeline's service requires of a decision date.
    decision_date = factory.LazyFunction(
        lambda: add_working_days(timezone.localdate() + datetime.timedelta(days=59), 1)
    )
