"""The search request as a typed object: it serializes exactly to the reference's bodies and is
checked like the server checks it, before anything is sent."""

from __future__ import annotations

import pytest

from app.api import ValidationError, order_by, where
from app.schema import SearchFilter, SearchRequest

pytestmark = pytest.mark.anyio


def test_the_reference_examples_serialize_exactly():
    free_text = SearchRequest(search_term="john")
    advanced = SearchRequest(
        advanced_search=[
            where("email", "contains", "@example.com"),
            where("num_seats", "gte", "100", data_type="long"),
        ],
        sort_by=order_by("created_at", "desc"),
    )
    exists = SearchRequest(advanced_search=[where("date_of_birth", "exists")])
    assert free_text.to_wire() == {"search_term": "john"}
    assert advanced.to_wire() == {
        "advanced_search": [
            {"field": "email", "operator": "contains", "value": "@example.com"},
            {"field": "num_seats", "operator": "gte", "value": "100", "data_type": "long"},
        ],
        "sort_by": {"field": "created_at", "sort_order": "desc"},
    }
    assert exists.to_wire() == {"advanced_search": [{"field": "date_of_birth", "operator": "exists"}]}
    assert SearchRequest().to_wire() == {}


def test_a_range_takes_min_and_max_and_round_trips_through_the_wire():
    request = SearchRequest(
        advanced_search=[where("created_at", "range", ["2025-01-01", "2025-12-31"])],
        sort_by=order_by("num_seats", "asc", data_type="long"),
    )
    wire = request.to_wire()
    assert wire["advanced_search"][0]["value"] == ["2025-01-01", "2025-12-31"]
    assert SearchRequest.model_validate(wire) == request
    assert SearchRequest.model_validate({"advancedSearch": wire["advanced_search"]}).advanced_search == [
        SearchFilter(field="created_at", operator="range", value=["2025-01-01", "2025-12-31"])
    ]


@pytest.mark.parametrize(
    ("args", "kwargs", "field", "says"),
    [
        (("num_seats", "contains", "1"), {"data_type": "long"}, "operator", "cannot be used with data type"),
        (("created_at", "range", "2025-01-01"), {}, "value", "[min, max]"),
        (("num_seats", "gte", "many"), {"data_type": "long"}, "value", "not a whole number"),
        (("email", "equals"), {}, "value", "needs a value"),
        (("email", "like", "x"), {}, "operator", "Input should be"),
    ],
)
def test_a_filter_the_server_would_refuse_is_refused_when_built(args, kwargs, field, says):
    with pytest.raises(ValidationError) as caught:
        where(*args, **kwargs)
    assert caught.value.local is True
    [item] = caught.value.errors
    assert item.field == field and says in item.msg


async def test_a_bad_search_fails_before_anything_is_sent(faulty_client, faulty):
    with pytest.raises(ValidationError) as caught:
        await faulty_client.contacts.search(
            advanced_search=[
                {"field": "email", "operator": "exists"},
                {"field": "archived", "operator": "gt"},
            ]
        )
    assert [(e.in_, e.field) for e in caught.value.errors] == [("body", "advanced_search.1.operator")]
    assert faulty.attempts == []
