import factory

from bornglobal.tenancy.models import Membership, User, Venture

PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    country = "PT"
    time_zone = "Europe/Lisbon"
    currency = "EUR"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class VentureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venture

    name = factory.Sequence(lambda n: f"Venture {n}")
    legal_country = "PT"
    base_currency = "EUR"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    venture = factory.SubFactory(VentureFactory)
    role = "member"
