"""``app.schema`` and ``app.api`` load their names on first use: the vocabulary without pydantic, the
client's standard-library modules (``network``, ``first_page``) without httpx, every export reachable."""

from __future__ import annotations

import ast
from pathlib import Path
from types import ModuleType

import pytest

import app.api
import app.schema
from tests.helpers import run_python


@pytest.mark.parametrize("package", [app.schema, app.api], ids=["schema", "api"])
def test_every_exported_name_resolves_and_type_checkers_see_the_same_names(package: ModuleType):
    for name in package.__all__:
        assert getattr(package, name) is not None, name
    tree = ast.parse(Path(package.__file__).read_text())
    checked = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
        for child in node.body
        if isinstance(child, ast.ImportFrom)
        for alias in child.names
    }
    assert checked == set(package.__all__)


@pytest.mark.parametrize("package", [app.schema, app.api], ids=["schema", "api"])
def test_an_unknown_name_is_an_attribute_error(package: ModuleType):
    try:
        package.NoSuchModel  # noqa: B018 - the lookup is the test
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
    run_python(script)


def test_the_network_rules_and_the_first_page_load_without_httpx_or_pydantic():
    script = (
        "import sys\n"
        "from app.api.network import is_loopback, ssl_verify\n"
        "from app.api.first_page import fetch_page\n"
        "heavy = {'httpx', 'pydantic'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
        "from app.api import CueDeskClient, UnauthorizedError\n"
        "assert CueDeskClient.__module__ == 'app.api.client'\n"
    )
    run_python(script)
