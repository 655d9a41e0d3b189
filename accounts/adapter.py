"""allauth's account adapter, with the client's address replaced by a keyed hash.

allauth keys its rate limits on the client address, in the cache (Redis in production), and
hands the same value to the sessions list. A keyed hash counts attempts per address just as well,
and a cache dump then holds no address (tests/test_privacy_leaks.py searches for one).

The address is found as Standing's own limits find it (behind STANDING_TRUSTED_PROXIES), so
allauth's ALLAUTH_TRUSTED_PROXY_COUNT stays unset: it would believe the header from any peer.
"""

from allauth.account.adapter import DefaultAccountAdapter

from core.ratelimit import client_address, client_hash


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        return client_hash(client_address(request))

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth locks an account for 5 minutes after 5 failed logins. Keyed on the account
        # alone, anyone knowing an address could keep its owner locked out; keyed on account and
        # client, only the client that failed is locked. Guessing stays bounded by the per-client
        # limit (10 failures a minute) and by the second factor.
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{self.get_client_ip(request)}"
