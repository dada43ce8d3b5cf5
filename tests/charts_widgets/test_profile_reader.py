"""The country profile and the source reader: pick something, and what is shown follows."""

from __future__ import annotations

import html
import re

import matplotlib.pyplot as plt
import pytest

import course_lib as cl
from course_lib.widgets.reader import quoted_datasets


def test_profile_defaults_and_follows_the_dropdown():
    profile = cl.widgets.country_profile()
    assert profile.iso3 == "ARM"
    assert "frozen" in profile.header.value  # Armenia today
    membership, events = profile.tabs.children[0].value, profile.tabs.children[1].value
    profile.dropdown.value = "UZB"  # as a learner picks Uzbekistan
    assert profile.iso3 == "UZB" and "Uzbekistan" in profile.header.value
    assert profile.tabs.children[0].value != membership
    assert profile.tabs.children[1].value != events
    history = cl.membership_history("Uzbekistan")
    for spell in history[history["kind"] == "spell"].itertuples():
        assert spell.record_id in profile.tabs.children[0].value
    assert "suspended" in profile.tabs.children[0].value
    assert profile.chart.value[:4] == b"\x89PNG"
    assert plt.get_fignums() == []


def test_profile_of_a_state_that_never_joined():
    profile = cl.widgets.country_profile("People's Republic of China")
    assert profile.iso3 == "CHN"
    assert "never" in profile.header.value
    assert profile.chart.layout.display == "none"
    assert "observer" in profile.tabs.children[2].value  # Interaction-2024


def test_profile_lists_drills_numbers_and_sources():
    profile = cl.widgets.country_profile("Armenia")
    drills = profile.tabs.children[2].value
    assert "Interaction-2024" in drills and "absent" in drills
    sources = profile.tabs.children[4].value
    assert "tca-search-2024" in sources


def test_profile_unknown_country_says_did_you_mean():
    profile = cl.widgets.country_profile("Armenia")
    with pytest.raises(cl.UnknownCountryError) as err:
        profile.set_country("Kyrgystan")
    with pytest.raises(cl.UnknownCountryError) as lib:
        cl.resolve_country("Kyrgystan")
    assert str(err.value) == str(lib.value)
    assert profile.iso3 == "ARM"
    with pytest.raises(cl.UnknownCountryError):
        cl.widgets.country_profile("Atlantis")


def _marked(reader) -> list[str]:
    return [html.unescape(m) for m in re.findall(r"<mark class=\"quote-\d\"[^>]*>(.*?)</mark>",
                                                 reader.text_html.value, flags=re.S)]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("dataset", quoted_datasets())
def test_reader_highlights_the_quote_of_every_row(dataset):
    """Every row of every quoted dataset: its quote is found and marked in its source."""
    reader = cl.widgets.source_reader()
    reader.dataset.value = dataset  # as a learner picks the dataset
    table = cl.load(dataset)
    assert len(reader.record.options) == len(table)
    for _label, row_id in reader.record.options:
        reader.record.value = row_id  # ... and each row
        assert reader.found and all(reader.found), (dataset, row_id)
        row = table.iloc[[o[1] for o in reader.record.options].index(row_id)]
        assert _norm(str(row["quote"])) in [_norm(m) for m in _marked(reader)]
        assert str(row["source_id"]) in reader.meta_html.value


def test_reader_shows_both_quotes_of_a_spell_and_the_metadata():
    reader = cl.widgets.source_reader("memberships:AZE-1")
    marked = [_norm(m) for m in _marked(reader)]
    assert "Azerbaijan, Belarus and Georgia later joined in 1993." in marked
    assert any(m.startswith("The Collective Security Treaty expired in 1999") for m in marked)
    assert "The Times of Central Asia" in reader.meta_html.value


def test_reader_show_by_bare_id_switches_dataset():
    reader = cl.widgets.source_reader()
    reader.show("E006")
    assert reader.dataset.value == "events" and reader.record.value == "E006"
    assert "Tashkent" in "".join(_marked(reader))


@pytest.mark.parametrize("bad, error, hint", [
    ("E0066", cl.UnknownRecordError, "Did you mean"),
    ("evnts:E006", cl.UnknownDatasetError, "Did you mean 'events'"),
    ("events:E999", cl.UnknownRecordError, "No row 'E999' in events"),
])
def test_reader_unknown_record_says_did_you_mean(bad, error, hint):
    with pytest.raises(error, match=re.escape(hint)):
        cl.widgets.source_reader(bad)


def test_profile_shows_planned_parts_as_plans_and_marks_unstated_dates():
    profile = cl.widgets.country_profile("Azerbaijan")
    drills = profile.tabs.children[2].value
    assert "Birlestik" in drills and "planned to take part" in drills and "took part" not in \
        drills.replace("planned to take part", "")
    assert "2024-07†" in drills and "not stated by its source" in drills
    spells = profile.tabs.children[0].value
    assert "party to the Collective Security Treaty" in spells and "CSTO member" not in spells


def test_reader_says_how_a_publication_date_is_known():
    reader = cl.widgets.source_reader("events:E055")  # a row of the undated explainer
    assert "2022-01" in reader.meta_html.value and "outside the sources" in reader.meta_html.value
    reader.show("events:E034")  # a row of the dated EurasiaNet article
    assert "(day; stated)" in reader.meta_html.value
