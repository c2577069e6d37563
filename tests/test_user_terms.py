"""Terms a data folder adds to the vocabulary (``vocabulary:``): they validate in YAML records and table rows like
shipped terms, and every mistake in declaring them is a located error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govgraph.dataset import load_dataset
from govgraph.errors import DataError
from govgraph.graph import build_graph
from govgraph.user_terms import read_user_terms, vocabulary_of
from govgraph.vocab import shipped, vocabulary
from tests.conftest import ROOT, run_govgraph

VOCAB = """\
vocabulary:
  issue_areas:
    oceans_law: The law of the sea, its seabed and its fisheries.
    internet_governance: Names, numbers and protocols of the Internet.
  organisation_types:
    registry: A body that keeps an authoritative register.
  source_types:
    interview: A conversation with a participant.
  end_reasons:
    absorbed: Taken over by another body.
  relation_types:
    hosts:
      definition: The source hosts the target's secretariat.
      category: affiliation
      sources: [organisation]
      targets: [organisation, agreement]
      statuses:
        interim: Hosting for a transition period.
"""
RECORDS = """\
sources:
  - {id: s1, type: interview, title: A talk}
actors:
  - {id: isa, kind: organisation, name: ISA, org_type: registry, issue_areas: [oceans_law, geoscience], sources: [s1]}
  - {id: icann, kind: organisation, name: ICANN, org_type: standards_body,
     issue_areas: [internet_governance], sources: [s1]}
relations:
  - {type: hosts, source: isa, target: icann, status: interim, end_reason: absorbed, sources: [s1]}
"""
ACTORS_CSV = (
    "id,kind,name,org_type,issue_areas,sources\niana,organisation,IANA,registry,internet_governance;oceans_law,s1\n"
)
RELATIONS_CSV = "source,target,type,status,sources\nicann,iana,hosts,interim,s1\n"


def user_folder(root: Path, vocab: str = VOCAB) -> Path:
    """A folder whose YAML records and CSV rows use the terms its vocabulary.yaml adds."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "vocabulary.yaml").write_text(vocab, encoding="utf-8")
    (root / "data.yaml").write_text(RECORDS, encoding="utf-8")
    (root / "actors.csv").write_text(ACTORS_CSV, encoding="utf-8")
    (root / "relations.csv").write_text(RELATIONS_CSV, encoding="utf-8")
    return root


def problems_of(paths: list[Path]) -> list[str]:
    with pytest.raises(DataError) as info:
        load_dataset(paths)
    return [str(p) for p in info.value.problems]


def test_user_terms_validate_in_yaml_records_and_table_rows(tmp_path):
    folder = user_folder(tmp_path / "mine")
    ds = load_dataset([folder])
    assert ds.actor("isa").org_type == "registry"
    assert ds.actor("isa").issue_areas == ["oceans_law", "geoscience"]
    assert ds.actor("iana").org_type == "registry"  # a CSV row
    assert ds.actor("iana").issue_areas == ["internet_governance", "oceans_law"]
    assert ds.sources["s1"].type == "interview"
    rels = {r.key: r for r in ds.relations}
    assert set(rels) == {"isa:hosts:icann", "icann:hosts:iana"}
    assert rels["isa:hosts:icann"].status == "interim" and rels["isa:hosts:icann"].end_reason == "absorbed"
    assert ds.vocab.user == {
        "issue_areas": {
            "oceans_law": "The law of the sea, its seabed and its fisheries.",
            "internet_governance": "Names, numbers and protocols of the Internet.",
        },
        "organisation_types": {"registry": "A body that keeps an authoritative register."},
        "source_types": {"interview": "A conversation with a participant."},
        "end_reasons": {"absorbed": "Taken over by another body."},
        "relation_types": {"hosts": "The source hosts the target's secretariat."},
    }
    hosts = ds.vocab.relation_types["hosts"]
    assert (hosts.category, hosts.sources, hosts.targets) == (
        "affiliation",
        ("organisation",),
        ("organisation", "agreement"),
    )
    assert hosts.statuses == {"interim": "Hosting for a transition period."}
    # the graph knows the new type's category, for YAML and table ties alike
    g = build_graph(ds)
    assert g.edges["isa", "icann", "isa:hosts:icann"]["category"] == "affiliation"
    assert g.edges["icann", "iana", "icann:hosts:iana"]["category"] == "affiliation"
    # the terms were active only while the folder was read
    assert vocabulary() is shipped()


def test_without_the_vocabulary_file_the_same_records_are_refused(tmp_path):
    folder = user_folder(tmp_path / "mine")
    (folder / "vocabulary.yaml").unlink()
    data, actors = folder / "data.yaml", folder / "actors.csv"
    found = problems_of([folder])
    assert f"{actors}:2:4: iana: org_type: unknown organisation type 'registry'" in found
    assert f"{data}:4:56: isa: org_type: unknown organisation type 'registry'" in found
    assert f"{data}:2:20: s1: type: unknown source type 'interview'" in found
    assert f"{data}:8:12: isa:hosts:icann: type: unknown relation type 'hosts'" in found


def test_did_you_mean_considers_user_terms(tmp_path):
    folder = user_folder(tmp_path / "mine")
    data = folder / "data.yaml"
    data.write_text(RECORDS.replace("[oceans_law, geoscience]", "[oceans_lw, geoscience]"), encoding="utf-8")
    (folder / "actors.csv").write_text(ACTORS_CSV.replace("registry", "registri"), encoding="utf-8")
    found = problems_of([folder])
    assert (
        f"{data}:4:80: isa: issue_areas.0: unknown issue area 'oceans_lw'; did you mean 'oceans_law' or 'oceans'?"
        in found
    )
    assert (
        f"{folder / 'actors.csv'}:2:4: iana: org_type: unknown organisation type 'registri'; did you mean 'registry'?"
        in found
    )


def test_a_shipped_term_cannot_be_redefined(tmp_path):
    folder = user_folder(tmp_path / "mine", VOCAB.replace("    oceans_law:", "    oceans: The sea.\n    oceans_law:"))
    found = problems_of([folder])
    shipped_definition = shipped().issue_areas["oceans"]
    assert found == [
        f"{folder / 'vocabulary.yaml'}:3:13: oceans: vocabulary.issue_areas.oceans: already a term of the shipped "
        f"issue_areas ({shipped_definition!r}); data may add terms, not redefine them"
    ]


def test_missing_or_empty_definitions_are_located(tmp_path):
    text = VOCAB.replace("    oceans_law: The law of the sea, its seabed and its fisheries.\n", '    oceans_law: ""\n')
    text = text.replace("      definition: The source hosts the target's secretariat.\n", "")
    text = text.replace("    registry: A body that keeps an authoritative register.\n", "    registry:\n")
    folder = user_folder(tmp_path / "mine", text)
    v = folder / "vocabulary.yaml"
    found = problems_of([folder])
    missing = "missing definition: every term needs one, as in the shipped vocabulary"
    assert f"{v}:3:17: oceans_law: vocabulary.issue_areas.oceans_law: {missing}" in found
    assert f"{v}:6:14: registry: vocabulary.organisation_types.registry: {missing}" in found
    assert f"{v}:13:7: hosts: vocabulary.relation_types.hosts: {missing}" in found  # where its mapping starts
    # a term that failed is unknown to the records (their errors follow), the others are fine
    assert any("isa: org_type: unknown organisation type 'registry'" in p for p in found)
    assert not any("internet_governance" in p for p in found)


def test_two_files_may_repeat_a_term_only_with_the_same_definition(tmp_path):
    folder = user_folder(tmp_path / "mine")
    same = "vocabulary:\n  issue_areas:\n    oceans_law: The law of the sea, its seabed and its fisheries.\n"
    (folder / "more.yaml").write_text(same, encoding="utf-8")
    assert load_dataset([folder]).actor("isa").issue_areas == ["oceans_law", "geoscience"]
    (folder / "more.yaml").write_text(same.replace("The law of the sea", "Sea law"), encoding="utf-8")
    found = problems_of([folder])  # files are read in name order: more.yaml first
    assert found == [
        f"{folder / 'vocabulary.yaml'}:3:17: oceans_law: vocabulary.issue_areas.oceans_law: declared again with a "
        f"different definition (first at {folder / 'more.yaml'}:3)"
    ]


def test_mistakes_in_declaring_terms_are_located(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        """\
vocabulary:
  organisation_type:
    registry: A register.
  kinds:
    robot: A robot.
  issue_areas:
    Oceans Law: The law of the sea.
  relation_types:
    hosts:
      definition: Hosts.
      category: affiliaton
      sources: [organisation, robot]
      target: [organisation]
    sourced_from: {definition: x, category: reference, sources: [organisation], targets: [organisation]}
""",
        encoding="utf-8",
    )
    vocab, found = read_user_terms([bad])
    assert vocab is shipped()  # nothing valid was added
    lists = "organisation_types, functions, issue_areas, member_types, end_reasons, agreement_types, source_types, "
    lists += "relation_types"
    kinds = "organisation, state, firm, programme, agreement"
    assert [str(p) for p in sorted(found)] == [
        f"{bad}:3:5: -: vocabulary.organisation_type: 'organisation_type' is not a vocabulary list; did you mean "
        f"'organisation_types' or 'relation_types'? (lists that take new terms: {lists})",
        f"{bad}:5:5: -: vocabulary.kinds: 'kinds' cannot be extended (lists that take new terms: {lists})",
        f"{bad}:7:17: Oceans Law: vocabulary.issue_areas.Oceans Law: 'Oceans Law' is not a valid term (lower-case "
        "letters, digits and '_', at most 60); did you mean 'oceans_law'?",
        f"{bad}:10:7: hosts: vocabulary.relation_types.hosts: targets must be a list of kinds of actor ({kinds})",
        f"{bad}:11:17: hosts: vocabulary.relation_types.hosts.category: unknown relation category 'affiliaton'; did "
        "you mean 'affiliation'? (one of membership, interaction, hierarchy, affiliation, succession, state_action, "
        "reference)",
        f"{bad}:12:31: hosts: vocabulary.relation_types.hosts.sources.1: unknown kind 'robot' (one of {kinds})",
        f"{bad}:13:15: hosts: vocabulary.relation_types.hosts.target: unknown field; did you mean 'targets' or "
        "'parent'?",
        f"{bad}:14:19: sourced_from: vocabulary.relation_types.sourced_from: SOURCED_FROM is a relationship type "
        "govgraph writes itself; choose another name",
    ]


def test_the_active_vocabulary_does_not_leak_between_datasets(tmp_path, mini):
    folder = user_folder(tmp_path / "mine")
    assert load_dataset([folder]).vocab is not None
    plain = load_dataset([mini])
    assert plain.vocab is None and vocabulary() is shipped()
    # a second folder using the first one's terms, without declaring them, is refused
    other = tmp_path / "other"
    other.mkdir()
    (other / "data.yaml").write_text(RECORDS, encoding="utf-8")
    assert any("unknown organisation type 'registry'" in p for p in problems_of([other]))


def test_schema_and_docs_hold_the_user_terms(tmp_path):
    from govgraph import schema_gen

    folder = user_folder(tmp_path / "mine")
    views = schema_gen.generate(vocabulary_of([folder]))
    docs = views[schema_gen.VOCAB_FILE]
    assert "| `oceans_law` | The law of the sea, its seabed and its fisheries. *(added by the data)* |" in docs
    assert "| `registry` | A body that keeps an authoritative register. *(added by the data)* |" in docs
    assert (
        "| `hosts` | `HOSTS` | affiliation | organisation | organisation, agreement | interim | The source hosts the "
        "target's secretariat. *(added by the data)* |"
    ) in docs
    schema = json.loads(views[schema_gen.SCHEMA_FILE])
    org = schema["$defs"]["Organisation"]["properties"]
    assert "oceans_law" in org["issue_areas"]["items"]["enum"] and "registry" in org["org_type"]["enum"]
    assert "hosts" in schema["$defs"]["Relation"]["properties"]["type"]["enum"]
    assert "CREATE INDEX rel_hosts_id IF NOT EXISTS FOR ()-[r:HOSTS]-() ON (r.id)" in views[schema_gen.NEO4J_FILE]
    # the shipped views are untouched by it (and equal the committed ones: tests/test_schema.py)
    assert "oceans_law" not in schema_gen.generate()[schema_gen.VOCAB_FILE]


def test_cli_validate_schema_and_errors(tmp_path):
    folder = user_folder(tmp_path / "mine")
    ok = run_govgraph("validate", str(folder))
    assert ok.returncode == 0, ok.stderr
    assert "valid: 4 files, 3 actors, 2 relations, 1 sources, 0 figures" in ok.stderr
    shown = run_govgraph("show", "icann", "--data", str(folder), "--format", "json")
    assert shown.returncode == 0, shown.stderr
    assert "internet_governance" in shown.stdout and "hosts" in shown.stdout

    out = tmp_path / "views"
    made = run_govgraph("schema", "--data", str(folder), "--out-dir", str(out))
    assert made.returncode == 0, made.stderr
    assert "*(added by the data)*" in (out / "vocabulary.md").read_text(encoding="utf-8")
    refused = run_govgraph("schema", "--data", str(folder))
    assert refused.returncode == 2 and "--data needs --out-dir" in refused.stderr

    vocab = folder / "vocabulary.yaml"
    vocab.write_text(
        VOCAB.replace("    registry: A body that keeps an authoritative register.\n", "    registry: ''\n")
    )
    bad = run_govgraph("validate", str(folder))
    assert bad.returncode == 1
    assert f"{vocab}:6:15: registry: vocabulary.organisation_types.registry: missing definition" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_seeds_views_are_unchanged_by_the_feature():
    """The seeds declare no terms: ``govgraph schema --check`` still finds the committed views current."""
    checked = run_govgraph("schema", "--check", "--out-dir", str(ROOT / "schema"))
    assert checked.returncode == 0, checked.stderr


def test_a_command_run_in_process_leaves_the_shipped_vocabulary_active(tmp_path):
    """Tests run many commands in one process: a command's data vocabulary ends with the command."""
    from typer.testing import CliRunner

    from govgraph.cli import app

    folder = user_folder(tmp_path / "mine")
    result = CliRunner().invoke(app, ["stats", "--data", str(folder)])
    assert result.exit_code == 0, result.output
    assert "hosts\t2" in result.stdout  # the new relation type is counted like the shipped ones
    assert vocabulary() is shipped()
