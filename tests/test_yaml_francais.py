"""Every YAML mistake gets French, with file and line, from either of PyYAML's readers
(libyaml in C or pure Python); hostile YAML (alias bombs, tags, huge files) is refused quickly."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml

from generator.content.yaml_reader import MAX_BYTES, _Loader, french_yaml_problem, load_yaml

READERS = {"C": _Loader, "Python": yaml.BaseLoader}

# Every problem the two readers can report (libyaml's strings and PyYAML's scanner, parser,
# composer and reader), as they print them.
ENGLISH = """
block sequence entries are not allowed in this context
control characters are not allowed
could not find expected ':'
could not find expected directive name
did not find URI escaped octet
did not find expected '!'
did not find expected ',' or ']'
did not find expected ',' or '}'
did not find expected '-' indicator
did not find expected <document start>
did not find expected <stream-start>
did not find expected alphabetic or numeric character
did not find expected comment or line break
did not find expected digit or '.' character
did not find expected hexdecimal number
did not find expected key
did not find expected node content
did not find expected tag URI
did not find expected version number
did not find expected whitespace
did not find expected whitespace or line break
did not find the expected '>'
exceeded maximum nesting depth
expected DOCUMENT-END
expected DOCUMENT-START or STREAM-END
expected SCALAR, SEQUENCE-START, MAPPING-START, or ALIAS
expected STREAM-START
expected nothing after STREAM-END
found a tab character that violates indentation
found a tab character where an indentation space is expected
found an incorrect leading UTF-8 octet
found an incorrect trailing UTF-8 octet
found an indentation indicator equal to 0
found character that cannot start any token
found duplicate %TAG directive
found duplicate %YAML directive
found extremely long version number
found incompatible YAML document
found invalid Unicode character escape code
found undefined tag handle
found unexpected ':'
found unexpected document indicator
found unexpected end of stream
found unexpected non-alphabetical character
found unknown directive name
found unknown escape character
invalid Unicode character
invalid leading UTF-8 octet
invalid length of a UTF-8 sequence
invalid trailing UTF-8 octet
mapping keys are not allowed in this context
mapping values are not allowed in this context
unexpected low surrogate area
but found another document
expected ' ', but found 'x'
expected '!', but found 'x'
expected ',' or ']', but got '<stream end>'
expected ',' or '}', but got '<stream end>'
expected '<document start>', but found '<block mapping start>'
expected '>', but found 'x'
expected <block end>, but found '?'
expected URI escape sequence of 2 hexadecimal numbers, but found 'x'
expected URI, but found 'x'
expected a comment or a line break, but found 'x'
expected a digit or ' ', but found 'x'
expected a digit or '.', but found 'x'
expected a digit, but found 'x'
expected a single document in the stream
expected alphabetic or numeric character, but found 'x'
expected chomping or indentation indicators, but found 'x'
expected escape sequence of 4 hexadecimal numbers, but found 'x'
expected indentation indicator in the range 1-9, but found 0
expected the node content, but found '<stream end>'
found character '@' that cannot start any token
found duplicate YAML directive
found duplicate anchor 'a'; first occurrence
found incompatible YAML document (version 1.* is required)
found non-specific tag '!'
found undefined alias 'a'
found undefined tag handle '!x!'
found unexpected document separator
found unknown escape character 'q'
mapping keys are not allowed here
mapping values are not allowed here
special characters are not allowed
""".strip().splitlines()

ENGLISH_WORDS = re.compile(r"\b(found|expected|allowed|character|mapping|block|stream|token|while|but|not)\b")


@pytest.mark.parametrize("english", ENGLISH)
def test_every_message_of_the_readers_has_french_words(english: str) -> None:
    french = french_yaml_problem(english)
    assert french and not ENGLISH_WORDS.search(french), (english, french)
    assert french != "erreur de syntaxe", english  # each one is explained, the fallback is for the unforeseen


BROKEN = {
    "deux-points": ("nom: a: b\n", 1, "deux-points inattendu"),
    "tabulation": ("nom: x\nsigle:\n\tSIG\n", 3, "tabulation"),
    "crochet": ("nom: [a, b\nsigle: c\n", 2, "« ] »"),
    "accolade": ("nom: {a: b\nsigle: c\n", 2, "« } »"),
    "guillemet": ("nom: \"Ministère\nsigle: M\n", 3, "fin de fichier inattendue"),
    "alignement": ("nom: x\n  sigle: y\n", 2, "deux-points inattendu"),
    "arobase": ("nom: @MAMH\n", 1, "mettez la valeur entre guillemets"),
    "documents": ("nom: a\n---\nnom: b\n", 2, "un seul document"),
    "nul": ("nom: Minist\x00ère\n", 1, "U+0000"),
    "controle": ("nom: a\x1bb\n", 1, "U+001B"),
    "controle-apres-accents": ("nom: Éé\nsigle: àè\x00x\n", 2, "U+0000"),
    "echappement": ('nom: "C:\\q"\n', 1, "barre oblique inverse"),
    "ancre": ("nom: &n Ministère\nsigle: *n\n", 1, "ancre « &n » refusée"),
    "alias": ("nom: *inconnu\n", 1, "alias « *inconnu » refusé"),
    "etiquette": ("nom: !ENV HOME\n", 1, "étiquette YAML « !ENV » refusée"),
    "binaire": ("nom: !!binary aGVsbG8=\n", 1, "« !!binary »"),
    "python": ("nom: !!python/object/apply:os.system [ls]\n", 1, "« !!python/object/apply:os.system »"),
    "fusion": ("base: {nom: a}\n<<: {sigle: b}\n", 2, "clé de fusion"),
    "directive": ("%YAML 2.0\n---\nnom: a\n", 1, "directive YAML"),
}


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_yaml_gets_french_with_its_line(tmp_path: Path, reader: str, case: str) -> None:
    text, line, words = BROKEN[case]
    path = tmp_path / "organisation.yml"
    path.write_text(text, encoding="utf-8")
    _, problems = load_yaml(path, "organisations/x.yml", READERS[reader])
    assert problems
    first = problems[0]
    assert (first.file, first.line) == ("organisations/x.yml", line), str(first)
    assert words in first.message, str(first)
    assert not ENGLISH_WORDS.search(first.message), str(first)


@pytest.mark.parametrize("reader", sorted(READERS))
def test_an_alias_bomb_is_refused_at_once(tmp_path: Path, reader: str) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{k}: &a{k} [{','.join([f'*a{k - 1}'] * 9)}]" for k in range(1, 9)]
    path = tmp_path / "bombe.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = time.monotonic()
    root, problems = load_yaml(path, "bombe.yml", READERS[reader])
    assert root is None and len(problems) >= 9
    assert time.monotonic() - start < 2


@pytest.mark.parametrize("reader", sorted(READERS))
def test_deep_nesting_is_refused_in_french(tmp_path: Path, reader: str) -> None:
    path = tmp_path / "profond.yml"
    path.write_text("nom: " + "[" * 5000 + "\n", encoding="utf-8")
    root, problems = load_yaml(path, "profond.yml", READERS[reader])
    assert root is None and "imbrication trop profonde" in problems[0].message


def test_a_file_too_large_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "gros.yml"
    path.write_bytes(b"nom: x\n" + b"# " + b"x" * MAX_BYTES + b"\n")
    root, problems = load_yaml(path, "gros.yml")
    assert root is None and "fichier trop volumineux" in problems[0].message and "2,0\u00a0Mo" in problems[0].message


@pytest.mark.parametrize("reader", sorted(READERS))
def test_ordinary_punctuation_is_not_taken_for_yaml_constructs(tmp_path: Path, reader: str) -> None:
    path = tmp_path / "ok.yml"
    path.write_text("nom: R&D, *étoiles* et « ! »\nsigle: \"!important\"\n", encoding="utf-8")
    root, problems = load_yaml(path, "ok.yml", READERS[reader])
    assert root is not None and problems == []
