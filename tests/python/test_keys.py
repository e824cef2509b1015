"""Cross-article entity keys (issue #17): one key per company in the bundled sample, the aliases
table, the key carried across ``iter_extract`` batches, co-occurrence by canonical key."""

from __future__ import annotations

import pytest

import newsfacts as nf

FAMILIES = {
    "Apple": {"Apple", "Apple Inc.", "Apple Inc", "Apple Computer"},
    "US Air Force": {"United States Air Force", "US Air Force", "U.S. Air Force", "USAF"},
    "EADS": {
        "EADS",
        "EADS N.V.",
        "European Aeronautic Defence and Space Company",
        "European Aeronautic Defence and Space Company EADS N.V.",
        "European Aeronautic Defence & Space NV",
    },
    "Singapore Airlines": {"Singapore Airlines", "SIA"},
}


@pytest.fixture(scope="module")
def sample_frames():
    return nf.frames(nf.load_sample())


def _keys(entities, names):
    hit = entities["name"].isin(names) | entities["aliases"].map(lambda a: bool(set(a) & names))
    return set(entities.loc[hit, "key"])


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_each_sample_company_has_one_key(sample_frames, family):
    keys = _keys(sample_frames.entities, FAMILIES[family])
    assert len(keys) == 1, keys
    # The mentions carry the same canonical key as their entity.
    men = sample_frames.mentions.merge(
        sample_frames.entities[["article_id", "entity_id", "key"]], on=["article_id", "entity_id"]
    )
    assert (men["key_x"] == men["key_y"]).all()


def test_aliases_table_counts_every_surface_form(sample_frames):
    al = sample_frames.aliases
    assert list(al.columns) == ["key", "alias", "count"]
    assert al["count"].sum() == len(sample_frames.mentions)
    (usaf,) = _keys(sample_frames.entities, FAMILIES["US Air Force"])
    forms = set(al.loc[al["key"] == usaf, "alias"])
    assert {"USAF", "United States Air Force"} <= forms, forms
    assert nf.schema("aliases").names == ["key", "alias", "count"]


def test_iter_extract_carries_the_registry_across_batches():
    sample = nf.load_sample()
    first = next(i for i, a in enumerate(sample) if "Singapore Airlines (SIA)" in a["text"])
    later = {"id": "later", "text": "SIA said on Monday its first A380 would fly to Sydney."}
    alone = nf.extract([later])[0]
    assert {e["key"] for e in alone["entities"] if e["name"] == "SIA"} == {"ORG:sia"}
    ex = nf.Extractor()
    batches = list(ex.iter_extract([sample[first], later], batch_size=1, progress=False))
    defined = {e["key"] for e in batches[0][0]["entities"] if e["name"] == "Singapore Airlines"}
    carried = {e["key"] for e in batches[1][0]["entities"] if e["name"] == "SIA"}
    assert carried == defined == {"ORG:singapore airlines"}


def test_cooccurrence_uses_the_canonical_key(sample_frames):
    edges = nf.cooccurrence(sample_frames, types=["ORG"])
    (apple,) = _keys(sample_frames.entities, FAMILIES["Apple"])
    assert apple in set(edges["key_a"]) | set(edges["key_b"])
    stale = {"ORG:apple inc", "ORG:united states air force", "ORG:usaf"}
    assert not stale & (set(edges["key_a"]) | set(edges["key_b"]))
