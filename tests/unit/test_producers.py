import pytest

from shop.errors import Forbidden, InvalidInput
from shop.models import AuditEvent, Producer, User
from shop.models.statuses import ProducerStatus
from shop.services.accounts.users import authenticate
from shop.services.producers.profiles import apply_as_producer, update_profile
from tests.factories import make_area, make_producer, make_user


def business(**changes):
    values = {"name": "HTX Nông sản Đầm Hà", "legal_type": "cooperative", "area_id": make_area("Đầm Hà").id,
              "address": "Thôn 2, Đầm Hà", "phone": "0203 3888 999", "story_vi": "Chúng tôi trồng chè.",
              "story_en": "We grow tea."}
    values.update(changes)
    return values


def test_applying_without_an_account_creates_a_producer_user_and_a_pending_producer(db):
    producer = apply_as_producer(business(), account={"email": "Hoa@Example.com", "password": "mật khẩu dài 12",
                                                      "name": "Nguyễn Thị Hoa"}, locale="en")
    assert producer.status == ProducerStatus.PENDING and producer.slug == "htx-nong-san-dam-ha"
    assert producer.area.name == "Đầm Hà" and producer.story_en == "We grow tea."
    owner = authenticate("hoa@example.com", "mật khẩu dài 12")
    assert owner is producer.owner and owner.role == "producer" and owner.locale == "en"
    assert producer.email == "hoa@example.com"


def test_a_signed_in_customer_who_applies_becomes_a_producer_and_it_is_audited(db):
    customer = make_user(role="customer")
    db.session.commit()
    producer = apply_as_producer(business(name="HTX Nông sản Đầm Hà"), user=customer)
    assert customer.role == "producer" and customer.producer is producer
    audit = db.session.query(AuditEvent).one()
    assert (audit.action, audit.before, audit.after) == ("user.role", {"role": "customer"}, {"role": "producer"})
    other = apply_as_producer(business(), account={"email": "b@example.com", "password": "x" * 12, "name": "B"})
    assert other.slug == "htx-nong-san-dam-ha-2"


@pytest.mark.parametrize("changes, field", [
    ({"name": " "}, "business_name"), ({"legal_type": "corporation"}, "legal_type"), ({"area_id": 999}, "area_id"),
    ({"address": ""}, "address"), ({"phone": "12"}, "phone"), ({"phone": "call me"}, "phone"),
])
def test_bad_business_details_are_refused_and_nothing_is_created(db, changes, field):
    with pytest.raises(InvalidInput) as error:
        apply_as_producer(business(**changes), account={"email": "x@example.com", "password": "x" * 12, "name": "X"})
    assert error.value.field == field
    assert db.session.query(User).count() == 0 and db.session.query(Producer).count() == 0


def test_a_taken_email_is_refused(db):
    make_user(email="taken@example.com")
    db.session.commit()
    with pytest.raises(InvalidInput):
        apply_as_producer(business(), account={"email": "TAKEN@example.com", "password": "x" * 12, "name": "X"})
    assert db.session.query(Producer).count() == 0


def test_admins_and_existing_producers_cannot_apply(db):
    admin = make_user(role="admin")
    owner = make_user(role="producer")
    make_producer(owner=owner)
    db.session.commit()
    with pytest.raises(Forbidden):
        apply_as_producer(business(), user=admin)
    with pytest.raises(InvalidInput):
        apply_as_producer(business(), user=owner)
    assert admin.role == "admin" and db.session.query(Producer).count() == 1


def test_the_profile_keeps_its_story_address_and_phone(db):
    producer = make_producer()
    db.session.commit()
    update_profile(producer, {"address": " 5 Lê Lợi ", "phone": "+84 912 345 678", "story_vi": "Mới", "story_en": ""})
    assert (producer.address, producer.phone, producer.story_vi) == ("5 Lê Lợi", "+84 912 345 678", "Mới")
    with pytest.raises(InvalidInput):
        update_profile(producer, {"address": "", "phone": "0912345678"})


def test_a_cooperative_group_is_a_legal_type_the_database_accepts(db):
    from shop.models.statuses import LegalType
    from tests.factories import make_producer

    producer = make_producer(legal_type=LegalType.COOPERATIVE_GROUP)
    db.session.commit()
    assert producer.legal_form.customer_label == "Tổ hợp tác"
