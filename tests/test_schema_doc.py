"""The editors' field reference is generated from the schema; the committed copy must be the current one."""

from conftest import ROOT
from editors.schema_doc import render


def test_docs_inhaltsmodell_matches_the_schema():
    committed = (ROOT / "docs" / "inhaltsmodell.md").read_text(encoding="utf-8")
    assert committed == render(str(ROOT)), "docs/inhaltsmodell.md is stale: run `invoke docs` and commit it"


def test_the_reference_names_every_field_and_unit():
    text = (ROOT / "docs" / "inhaltsmodell.md").read_text(encoding="utf-8")
    for field in ("Title", "Date", "Kind", "Summary", "Sources", "Partners", "Delegation", "Start", "End",
                  "Items", "Donors", "Parties", "Signed", "Subject", "Nav", "Order"):
        assert f"`{field}`" in text, field
    assert "`fahrzeuge`" in text and "`tonnen`" in text


def test_every_partner_field_of_the_plugin_is_documented_for_editors():
    from partner_list.registry import SINGLE_LINE_FIELDS
    from editors.schema_doc import PARTNER_FIELD_DOCS

    import pelicanconf

    assert set(SINGLE_LINE_FIELDS) | set(pelicanconf.PARTNER_EXTRA_FIELDS) == set(PARTNER_FIELD_DOCS)
