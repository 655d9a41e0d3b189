import datetime

import pytest
import redis
import time_machine
from django.conf import settings
from django.utils import timezone

from core import ratelimit


@pytest.fixture
def middle_of_an_hour():
    # The windows are fixed: stay inside one so the counter cannot reset mid-test.
    moment = timezone.now().replace(minute=30, second=0) + datetime.timedelta(days=1)
    with time_machine.travel(moment, tick=False):
        yield


def test_a_rate_reads_as_a_count_per_unit() -> None:
    assert ratelimit.parse_rate("10/h") == (10, 3600)
    assert ratelimit.parse_rate("20/m") == (20, 60)
    assert ratelimit.parse_rate("5/day") == (5, 86400)


def test_a_client_is_allowed_up_to_the_limit_and_then_refused(middle_of_an_hour) -> None:
    outcomes = [ratelimit.allow(scope="t", client_hash="c1", rate="3/h") for _ in range(4)]
    assert outcomes == [True, True, True, False]


def test_each_client_and_scope_has_its_own_allowance(middle_of_an_hour) -> None:
    assert ratelimit.allow(scope="t", client_hash="c1", rate="1/h")
    assert ratelimit.allow(scope="t", client_hash="c2", rate="1/h")
    assert ratelimit.allow(scope="other", client_hash="c1", rate="1/h")
    assert not ratelimit.allow(scope="t", client_hash="c1", rate="1/h")


def test_the_next_window_starts_a_fresh_count() -> None:
    moment = timezone.now().replace(minute=59, second=0) + datetime.timedelta(days=1)
    with time_machine.travel(moment, tick=False):
        assert ratelimit.allow(scope="t", client_hash="c1", rate="1/h")
        assert not ratelimit.allow(scope="t", client_hash="c1", rate="1/h")
    with time_machine.travel(moment + datetime.timedelta(minutes=2), tick=False):
        assert ratelimit.allow(scope="t", client_hash="c1", rate="1/h")


@pytest.mark.skipif(not settings.CACHE_URL, reason="in-process cache run")
def test_in_redis_a_counter_expires_within_its_window(middle_of_an_hour) -> None:
    ratelimit.allow(scope="t", client_hash="c1", rate="3/m")
    ratelimit.allow(scope="t", client_hash="c1", rate="3/m")
    client = redis.Redis.from_url(settings.CACHE_URL)
    [key] = client.keys("rl:t:c1:*")
    assert 0 < client.ttl(key) <= 60
