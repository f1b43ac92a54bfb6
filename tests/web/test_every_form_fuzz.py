"""Every form of the shop fuzzed the same way: its own sample with fields swapped for hostile values.

Each POST route with a sample form (tests/security_world.post_data) gets FUZZ_EXAMPLES posts
(hypothesis, fixed seed) from the visitor it is meant for; no answer may be a 500. The suite's
own run keeps it short; `make fuzz` (FUZZ_EXAMPLES=45) sends more than 2,000 posts over the forms
and prints how many went out.
"""
import io
import os

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from tests.security_world import build_path, build_world, post_data, route_requests, sign_in
from tests.web.test_bounded_numbers import visitor_for
from tests.web.test_fuzzing import HOSTILE_VALUES

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
SENT = {}  # endpoint → posts sent, printed by the last test


def form_endpoints():
    from shop import create_app
    from tests.conftest import TestConfig

    app = create_app(TestConfig)
    endpoints = sorted({rule.endpoint for method, rule in route_requests(app)
                        if method == "POST" and not rule.endpoint.startswith("webhooks.")})
    return endpoints


HOSTILE_FILE = st.sampled_from([b"", b"%PDF-1.4 not really", b"<svg onload=alert(1)>",
                                b"\x89PNG\r\n\x1a\n" + b"\0" * 64, b"GIF89a" + b"x" * 100])


def hostile_form(sample):
    """A strategy: `sample` with each field kept, dropped or replaced by a hostile value, and now and then
    a field no form has."""
    def field_value(name, value):
        if isinstance(value, tuple):
            return st.one_of(st.just(value), HOSTILE_FILE.map(lambda data: (io.BytesIO(data), value[1])))
        return st.one_of(st.just(value), HOSTILE_VALUES, st.just(None))

    fields = {name: field_value(name, value) for name, value in sample.items()}
    return st.tuples(st.fixed_dictionaries(fields), st.dictionaries(st.sampled_from(["id", "stars", "status"]),
                                                                    HOSTILE_VALUES, max_size=2))


@pytest.mark.parametrize("endpoint", form_endpoints())
def test_no_form_answers_500_to_hostile_values(app, db, endpoint):
    world = build_world(app)
    rule = next(rule for method, rule in route_requests(app) if method == "POST" and rule.endpoint == endpoint)
    user = world.users.get(visitor_for(endpoint))
    assert post_data(endpoint, world) is not None, f"no sample form for {endpoint}"

    @seed(20261204)
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=False,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(data=st.data())
    def post(data):
        sample = post_data(endpoint, world)
        fields, extra = data.draw(hostile_form(sample))
        form = {name: value for name, value in {**fields, **extra}.items() if value is not None}
        client = app.test_client()
        sign_in(client, user, cart={world.product_a.id: 1})
        response = client.post(build_path(rule, world), data=form, content_type="multipart/form-data")
        SENT[endpoint] = SENT.get(endpoint, 0) + 1
        assert response.status_code < 500, (endpoint, form, response.get_data(as_text=True)[:800])

    post()
    assert SENT[endpoint] >= min(EXAMPLES, 2)


def test_zz_the_fuzz_run_counts_its_posts(capsys):
    """Print how many posts went to how many forms (the figure `make fuzz` reports)."""
    with capsys.disabled():
        print(f"\nfuzzed forms: {len(SENT)}, posts: {sum(SENT.values())}, examples per form: {EXAMPLES}")
    assert not SENT or len(SENT) == len(form_endpoints())
