"""The office's expiry calendar: each current rating under the month it ends, with the reminders sent."""
import re
from datetime import timedelta

from shop.models import CertificationReminder
from shop.services.localtime import local_today
from tests.factories import make_certification, make_product


def month_section(page, day):
    match = re.search(rf'<section class="card" id="month-{day:%Y-%m}">(.*?)</section>', page, re.S)
    assert match, f"no section for {day:%Y-%m}"
    return match.group(1)


def cells(row_html):
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row_html, re.S)]


def rows(section):
    return [cells(row) for row in re.findall(r"<tr>(.*?)</tr>", section.split("<tbody>")[1], re.S)]


def test_the_calendar_lists_each_current_rating_under_its_month_with_its_reminders(admin_client, db):
    today = local_today()
    soon = make_certification(make_product(name_vi="Chả mực Hạ Long"), stars=4,
                              decision_date=today - timedelta(days=1000), expires_on=today + timedelta(days=20),
                              decision_number="15/QĐ-UBND")
    later = make_certification(make_product(name_vi="Ngán Vân Đồn"), stars=3,
                               decision_date=today - timedelta(days=900), expires_on=today + timedelta(days=200))
    renewed = make_certification(make_product(name_vi="Trà hoa vàng"), stars=4,
                                 decision_date=today - timedelta(days=1000), expires_on=today + timedelta(days=40))
    make_certification(renewed.product, stars=5, decision_date=today - timedelta(days=5))
    db.session.add(CertificationReminder(certification_id=soon.id, days_before=60, sent_to="a@example.com"))
    db.session.add(CertificationReminder(certification_id=soon.id, days_before=30, sent_to="a@example.com"))
    db.session.commit()

    page = admin_client.get("/admin/certifications/calendar").get_data(as_text=True)

    [row] = rows(month_section(page, soon.expires_on))
    assert row[0] == "Chả mực Hạ Long" and row[2] == "★★★★" and row[3] == "15/QĐ-UBND"
    assert row[4] == f"{soon.expires_on:%d/%m/%Y}" and row[5] == "20" and row[6] == "60, 30 days before"
    later_rows = rows(month_section(page, later.expires_on))
    assert [r[0] for r in later_rows] == ["Ngán Vân Đồn"] and later_rows[0][6] == "None yet"
    assert "Trà hoa vàng" not in page
    assert page.count('<section class="card" id="month-') == 12


def test_the_certifications_page_links_the_calendar(admin_client):
    page = admin_client.get("/admin/certifications").get_data(as_text=True)
    assert 'href="/admin/certifications/calendar"' in page
