"""The declaration and target pages: who may use them, what a refused input says, and that
a doubled submit records once."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from indicators.forms import declaration_years
from indicators.models import Declaration, Target
from tests.factories import DeclarationFactory

THIS_YEAR = declaration_years()[0]


def _text(element) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


def _declare_url(code="X24000"):
    return reverse("indicators:declare", args=[code])


def _targets_url(code="T68"):
    return reverse("indicators:targets", args=[code])


def _form_key(client, user, code="X24000") -> str:
    client.force_login(user)
    response = client.get(_declare_url(code))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one("input[name=request_key]")["value"]


def _declaration(key, **fields):
    return {
        "year": THIS_YEAR,
        "activities_held": "12",
        "activities_on_portal": "9",
        "campaigns": "5",
        "campaigns_with_models": "4",
        "applies_it": "on",
        "note": "Chiến dịch Mùa hè xanh",
        "request_key": key,
    } | fields


# --- Declaring ----------------------------------------------------------------------------


def test_an_organizer_declares_for_a_unit_in_their_province(client, organizer, tree):
    key = _form_key(client, organizer)

    response = client.post(_declare_url(), _declaration(key))

    assert response.status_code == 302
    declaration = Declaration.objects.get()
    assert declaration.unit == tree["commune"]
    assert (declaration.activities_held, declaration.activities_on_portal) == (12, 9)
    assert (declaration.campaigns, declaration.campaigns_with_models) == (5, 4)
    assert declaration.applies_it is True
    assert declaration.declared_by == organizer
    assert declaration.request_key == key


def test_the_history_shows_who_declared_and_which_one_counts(client, organizer, tree):
    organizer.full_name = "Võ Thị Sáu"
    organizer.save()
    older = DeclarationFactory(unit=tree["commune"], declared_by=organizer, activities_held=7)
    key = _form_key(client, organizer)
    client.post(_declare_url(), _declaration(key))
    newer = Declaration.objects.exclude(pk=older.pk).get()

    soup = BeautifulSoup(client.get(_declare_url()).content, "html.parser")

    items = soup.select("ul.history li")
    assert [li["data-declaration"] for li in items] == [str(newer.pk), str(older.pk)]
    assert "đang áp dụng" in _text(items[0])
    assert "đang áp dụng" not in _text(items[1])
    assert "Võ Thị Sáu kê khai lúc" in _text(items[0])
    assert "9/12 cập nhật trên cổng" in _text(items[0])


def test_the_form_starts_from_the_last_declaration_of_the_year(client, organizer, tree):
    DeclarationFactory(unit=tree["commune"], activities_held=31, activities_on_portal=20)
    client.force_login(organizer)

    soup = BeautifulSoup(client.get(_declare_url()).content, "html.parser")

    assert soup.select_one("input[name=activities_held]")["value"] == "31"
    assert soup.select_one("input[name=activities_on_portal]")["value"] == "20"


def test_each_form_gets_its_own_request_key(client, organizer, tree):
    assert _form_key(client, organizer) != _form_key(client, organizer)


def test_a_doubled_submit_records_one_declaration(client, organizer, tree):
    key = _form_key(client, organizer)

    first = client.post(_declare_url(), _declaration(key))
    second = client.post(_declare_url(), _declaration(key))

    assert first.status_code == second.status_code == 302
    assert Declaration.objects.count() == 1


def test_more_on_the_portal_than_held_is_refused_on_its_field(client, organizer, tree):
    key = _form_key(client, organizer)

    response = client.post(
        _declare_url(), _declaration(key, activities_held="5", activities_on_portal="8")
    )

    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    message = _text(soup.select_one("[data-errors=activities_on_portal]"))
    assert "(8)" in message
    assert "(5)" in message
    assert "không thể lớn hơn" in message
    assert not Declaration.objects.exists()
    assert soup.select_one("input[name=request_key]")["value"] == key


def test_a_count_that_is_not_a_number_is_named(client, organizer, tree):
    key = _form_key(client, organizer)

    response = client.post(_declare_url(), _declaration(key, campaigns="năm"))

    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert "“năm”" in _text(soup.select_one("[data-errors=campaigns]"))
    assert not Declaration.objects.exists()


def test_a_year_outside_the_programme_is_named(client, organizer, tree):
    key = _form_key(client, organizer)

    response = client.post(_declare_url(), _declaration(key, year="2019"))

    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert "“2019”" in _text(soup.select_one("[data-errors=year]"))
    assert not Declaration.objects.exists()


def test_a_programme_viewer_cannot_declare(client, viewer, tree):
    client.force_login(viewer)

    page = client.get(_declare_url())
    posted = client.post(_declare_url(), _declaration("khoa-cua-nguoi-xem"))

    assert page.status_code == 403
    assert b"activities_held" not in page.content
    assert posted.status_code == 403
    assert not Declaration.objects.exists()


def test_another_provinces_organizer_cannot_reach_the_declaration(client, other_organizer, tree):
    client.force_login(other_organizer)

    assert client.get(_declare_url()).status_code == 404
    assert client.post(_declare_url(), _declaration("khoa-ha-noi")).status_code == 404
    assert not Declaration.objects.exists()


def test_a_commune_organizer_cannot_declare_for_the_province(client, commune_organizer, tree):
    client.force_login(commune_organizer)

    assert client.get(_declare_url("T68")).status_code == 404
    assert client.get(_declare_url("X24000")).status_code == 200


# --- Targets ------------------------------------------------------------------------------


def _targets(client, user, code="T68"):
    client.force_login(user)
    response = client.get(_targets_url(code))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _effective(soup, indicator, year) -> str:
    cell = soup.select_one(f"table.targets tr[data-indicator={indicator}] td[data-year='{year}']")
    return _text(cell.strong)


def test_targets_page_shows_the_decisions_targets(client, organizer, tree):
    soup = _targets(client, organizer)

    assert _effective(soup, "a", 2025) == "60%"
    assert _effective(soup, "c", 2030) == "100%"
    assert soup.select_one("form.target-form")


def test_a_province_raises_its_target_and_its_communes_inherit_it(client, organizer, tree):
    client.force_login(organizer)

    response = client.post(_targets_url(), {"indicator": "d", "year": "2025", "percent": "90,5"})

    assert response.status_code == 302
    target = Target.objects.get()
    assert (target.unit, target.indicator, target.year) == (tree["lam_dong"], "d", 2025)
    assert _effective(_targets(client, organizer), "d", 2025) == "90,5%"
    assert _effective(_targets(client, organizer, "X24000"), "d", 2025) == "90,5%"


def test_a_target_below_the_decision_is_refused(client, organizer, tree):
    client.force_login(organizer)

    response = client.post(_targets_url(), {"indicator": "d", "year": "2025", "percent": "50"})

    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert "không được thấp hơn" in _text(soup.select_one("[data-errors=percent]"))
    assert not Target.objects.exists()


def test_a_percent_that_is_not_a_number_is_named(client, organizer, tree):
    client.force_login(organizer)

    response = client.post(_targets_url(), {"indicator": "d", "year": "2025", "percent": "cao"})

    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert "“cao”" in _text(soup.select_one("[data-errors=percent]"))
    assert not Target.objects.exists()


def test_grassroots_organizers_see_targets_read_only(client, commune_organizer, tree):
    soup = _targets(client, commune_organizer, "X24000")

    assert soup.select_one("form.target-form") is None
    assert "Chỉ Trung ương và cấp tỉnh" in _text(soup.select_one("[data-read-only]"))
    response = client.post(
        _targets_url("X24000"), {"indicator": "d", "year": "2025", "percent": "95"}
    )
    assert response.status_code == 400
    assert not Target.objects.exists()


def test_a_programme_viewer_sees_targets_but_cannot_set_them(client, viewer, tree):
    soup = _targets(client, viewer)

    assert soup.select_one("form.target-form") is None
    assert _effective(soup, "b", 2025) == "60%"
    response = client.post(_targets_url(), {"indicator": "d", "year": "2025", "percent": "95"})
    assert response.status_code == 403
    assert not Target.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_provinces_organizer_gets_404_on_targets(client, other_organizer, tree, method):
    client.force_login(other_organizer)

    response = getattr(client, method)(
        _targets_url(), {"indicator": "d", "year": "2025", "percent": "95"}
    )

    assert response.status_code == 404
    assert not Target.objects.exists()


def test_a_learner_without_a_role_gets_404_on_targets(client, learner, tree):
    client.force_login(learner)

    assert client.get(_targets_url("X24000")).status_code == 404
