"""The drill-parties viewer (lesson 05) and the base-consent widget (lesson 06): set a control's
``.value`` as a learner would, and what is shown follows the data."""

from __future__ import annotations

import pytest

import course_lib as cl

pytest.importorskip("ipywidgets")


def test_drill_viewer_follows_the_dropdown_and_orders_roles():
    viewer = cl.widgets.drill_parties()
    assert viewer.drill_id == "interaction-2024"
    roles = list(viewer.parties["role"].astype(str))
    assert roles == sorted(roles, key=["participant", "absent", "observer"].index)
    assert "Armenia" in viewer.table.value and "absent" in viewer.table.value
    parties = cl.load("drill_parties")
    for drill_id in cl.load("drills")["drill_id"]:
        viewer.dropdown.value = drill_id  # as a learner picks it
        expected = parties[parties["drill_id"] == drill_id]
        assert viewer.drill_id == drill_id
        assert sorted(viewer.parties["party"]) == sorted(expected["party"])
        name = cl.load("drills").set_index("drill_id").loc[drill_id, "name"]
        assert name in viewer.header.value
        if expected.empty:
            assert "No source names any party" in viewer.table.value
        else:
            assert all(str(p) in viewer.table.value for p in expected["party"])


def test_drill_viewer_unknown_drill_lists_the_ids_and_changes_nothing():
    viewer = cl.widgets.drill_parties("interaction-2012")
    with pytest.raises(cl.UnknownRecordError, match="interaction-2024"):
        viewer.set_drill("interaction-2025")
    assert viewer.drill_id == "interaction-2012"
    with pytest.raises(cl.UnknownRecordError):
        cl.widgets.drill_parties("nope")


@pytest.mark.parametrize("host, year, count", [
    ("Tajikistan", 2011, 6),   # Uzbekistan still a member in December 2011
    ("Tajikistan", 2013, 5),   # Uzbekistan suspended from 2012
    ("Armenia", 2024, 5),      # a frozen member still counts as a member
])
def test_consent_counts_the_other_members_on_the_day(host, year, count):
    consent = cl.widgets.base_consent("Kazakhstan", 2002)
    consent.host.value = cl.resolve_country(host)  # as a learner picks them
    consent.year.value = year
    on = cl.members_on(f"{year}-12-31")
    expected = on[on["counts_as_member"] & (on["country"] != host)]
    assert len(consent.needed) == count == len(expected)
    assert sorted(consent.needed["country"]) == sorted(expected["country"])
    assert f"<b>{count}</b>" in consent.summary.value
    assert all(c in consent.table.value for c in expected["country"])


def test_consent_a_host_that_is_not_a_member_is_not_bound():
    consent = cl.widgets.base_consent("Uzbekistan", 2013)
    assert consent.host_status["status"] == "suspended"
    assert consent.needed.empty and "does not bind" in consent.summary.value
    assert consent.table.value == ""


def test_consent_before_the_rule_says_it_is_applied_backwards():
    consent = cl.widgets.base_consent("Belarus", 2005)
    assert "applied backwards" in consent.summary.value
    consent.year.value = 2011
    assert "applied backwards" not in consent.summary.value


def test_consent_bad_input_says_what_would_be_right():
    with pytest.raises(cl.UnknownCountryError, match="never a party"):
        cl.widgets.base_consent("China")
    with pytest.raises(cl.UnknownCountryError):
        cl.widgets.base_consent("Atlantis")
    with pytest.raises(ValueError, match="from 2002"):
        cl.widgets.base_consent("Russia", 1995)
