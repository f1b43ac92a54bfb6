"""The one transaction helper: commit on success; on any exception roll back, re-raise, write nothing."""
import pytest

from shop.errors import InvalidInput
from shop.models import Category
from shop.services.transaction import commits, rolled_back_on_error, transaction


def categories(db):
    return db.session.query(Category).count()


def test_a_block_that_ends_commits(db):
    with transaction():
        db.session.add(Category(slug="tea", name_vi="Trà", name_en="Tea"))
    db.session.rollback()  # nothing left to lose: the row is committed
    assert categories(db) == 1


@pytest.mark.parametrize("error", [InvalidInput("refused"), RuntimeError("bug")])
def test_a_block_that_raises_rolls_back_reraises_and_writes_nothing(db, error):
    with pytest.raises(type(error)) as raised:
        with transaction():
            db.session.add(Category(slug="tea", name_vi="Trà", name_en="Tea"))
            db.session.flush()  # written to the database inside the transaction…
            raise error
    assert raised.value is error
    assert categories(db) == 0  # …and gone with it
    assert db.session.info.get("shop.transaction_depth", 0) == 0


def test_a_failed_commit_is_rolled_back_and_the_session_stays_usable(db):
    with transaction():
        db.session.add(Category(slug="tea", name_vi="Trà", name_en="Tea"))
    with pytest.raises(Exception, match="UNIQUE|unique|duplicate"):
        with transaction():
            db.session.add(Category(slug="tea", name_vi="Trà bis", name_en="Tea bis"))
    assert categories(db) == 1


def test_a_nested_block_joins_the_outer_one(db):
    with pytest.raises(RuntimeError):
        with transaction():
            with transaction():
                db.session.add(Category(slug="tea", name_vi="Trà", name_en="Tea"))
            assert db.session.info["shop.transaction_depth"] == 1  # the inner block did not commit
            raise RuntimeError("the outer change fails after the inner one")
    assert categories(db) == 0


def test_the_decorator_commits_or_writes_nothing(db):
    @commits
    def add_category(slug, refuse=False):
        db.session.add(Category(slug=slug, name_vi=slug, name_en=slug))
        db.session.flush()
        if refuse:
            raise InvalidInput("refused")
        return slug

    assert add_category("tea") == "tea"
    with pytest.raises(InvalidInput):
        add_category("rice", refuse=True)
    db.session.rollback()
    assert [c.slug for c in db.session.query(Category)] == ["tea"]


def test_a_failed_read_leaves_a_usable_session_and_commits_nothing(db):
    db.session.add(Category(slug="tea", name_vi="Trà", name_en="Tea"))
    with pytest.raises(RuntimeError):
        with rolled_back_on_error():
            raise RuntimeError("the database went away")
    assert categories(db) == 0  # rolled back, not committed
