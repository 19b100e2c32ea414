"""``app.schema`` loads its names on first use: the vocabulary without pydantic, every export reachable."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import app.schema

SCHEMA_INIT = Path(app.schema.__file__)


def test_every_exported_name_resolves_and_type_checkers_see_the_same_names():
    for name in app.schema.__all__:
        assert getattr(app.schema, name) is not None, name
    tree = ast.parse(SCHEMA_INIT.read_text())
    checked = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
        for child in node.body
        if isinstance(child, ast.ImportFrom)
        for alias in child.names
    }
    assert checked == set(app.schema.__all__)


def test_an_unknown_name_is_an_attribute_error():
    try:
        app.schema.NoSuchModel  # noqa: B018 - the lookup is the test
    except AttributeError as error:
        assert "NoSuchModel" in str(error)
    else:
        raise AssertionError("an unknown name resolved")


def test_the_vocabulary_loads_without_pydantic_and_is_the_models_own():
    script = (
        "import sys\n"
        "from app.schema import FieldType, Operator, OPERATORS_BY_TYPE, IDENTIFIER_FIELDS\n"
        "assert 'pydantic' not in sys.modules, 'the vocabulary imported pydantic'\n"
        "from app.schema import SearchFilter, CustomField\n"
        "assert SearchFilter.model_fields['operator'].annotation is Operator\n"
        "assert CustomField.model_fields['field_type'].annotation is FieldType\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
