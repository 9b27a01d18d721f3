from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are opened by invitation from an organizer, never by open sign-up.

    The programme counts cadres its organizers registered; an open sign-up would create
    accounts that belong to no unit.
    """

    def is_open_for_signup(self, request) -> bool:
        return False
