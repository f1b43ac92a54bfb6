import pytest

from shop.errors import InvalidInput, InvalidTransition
from shop.models import AuditEvent
from shop.models.statuses import ProducerStatus
from shop.services.producers.approval import approve_producer, producer_counts, suspend_producer
from tests.factories import make_producer, make_user


@pytest.fixture
def outbox(monkeypatch):
    sent = []
    monkeypatch.setattr("shop.services.mail.send_message", sent.append)
    return sent


def test_approving_a_pending_producer_audits_mails_and_makes_the_owner_a_producer(db, outbox):
    admin, owner = make_user(role="admin"), make_user(email="hoa@example.com", locale="en")
    producer = make_producer(owner=owner, name="HTX Nấm Đông Triều", status=ProducerStatus.PENDING)
    db.session.commit()
    approve_producer(producer, admin, "Hồ sơ đầy đủ")
    assert producer.status == ProducerStatus.APPROVED and producer.approved_at is not None
    assert producer.status_reason == "Hồ sơ đầy đủ"
    assert owner.role == "producer"
    events = {e.action: e for e in db.session.query(AuditEvent)}
    assert events["producer.status"].before == {"status": "pending", "status_reason": ""}
    assert events["producer.status"].after["status"] == "approved" and events["producer.status"].actor_id == admin.id
    assert events["user.role"].after == {"role": "producer"}
    [message] = outbox
    assert message["To"] == "hoa@example.com" and "approved" in message["Subject"]
    assert "HTX Nấm Đông Triều" in message.get_content()


def test_suspending_needs_a_reason_that_the_producer_reads(db, outbox):
    admin = make_user(role="admin")
    producer = make_producer(owner=make_user(role="producer"), email="htx@example.com")
    db.session.commit()
    with pytest.raises(InvalidInput):
        suspend_producer(producer, admin, "   ")
    assert producer.status == ProducerStatus.APPROVED and not outbox
    assert db.session.query(AuditEvent).count() == 0
    suspend_producer(producer, admin, "Sản phẩm không đúng mô tả")
    assert (producer.status, producer.status_reason) == (ProducerStatus.SUSPENDED, "Sản phẩm không đúng mô tả")
    [message] = outbox
    assert message["To"] == "htx@example.com" and "Sản phẩm không đúng mô tả" in message.get_content()
    with pytest.raises(InvalidTransition):
        suspend_producer(producer, admin, "again")
    approve_producer(producer, admin)  # reinstated
    assert producer.status == ProducerStatus.APPROVED and producer.status_reason == ""
    assert producer_counts() == {"pending": 0, "approved": 1, "suspended": 0}


def test_approving_twice_is_refused(db, outbox):
    admin = make_user(role="admin")
    producer = make_producer()
    with pytest.raises(InvalidTransition):
        approve_producer(producer, admin)
    assert not outbox
