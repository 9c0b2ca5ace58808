"""Who is looking, and what they may see: a ``Viewer`` from the sign-in (or its absence) and the roles
that follow from it. Without sign-in configured (one laptop, the demo) everyone is a candidate and a
recruiter, as before; with it, a signed-out visitor sees only the demo, a signed-in one their own
profile, and the recruiters (a configured list, or an OIDC group) the market and the sources too.
"""

from __future__ import annotations

from dataclasses import dataclass

from nploy import settings


@dataclass(frozen=True)
class Viewer:
    sign_in: bool  # sign-in is configured ([auth] in secrets.toml)
    subject: str | None = None  # "issuer|sub" of the signed-in user; None when signed out
    email: str = ""
    groups: tuple[str, ...] = ()

    @property
    def signed_in(self) -> bool:
        return self.subject is not None

    @property
    def may_keep_a_profile(self) -> bool:
        """Saving a profile, swiping: a signed-in user, or anyone when there is no sign-in."""
        return not self.sign_in or self.signed_in

    @property
    def recruiter(self) -> bool:
        if not self.sign_in:
            return True
        if not self.signed_in:
            return False
        listed = {v.strip().lower() for v in settings.get("recruiters").split(",") if v.strip()}
        sub = (self.subject or "").partition("|")[2].lower()
        group = settings.get("recruiter_group").strip()
        return bool(listed & {sub, (self.subject or "").lower(), self.email.lower()} - {""}) or (
            bool(group) and group in self.groups
        )


def viewer_from_claims(sign_in: bool, claims: dict | None) -> Viewer:
    """A viewer from the ID token's claims (``st.user``); None or no ``sub``: signed out."""
    if not sign_in or not claims or not claims.get("sub"):
        return Viewer(sign_in=sign_in)
    groups = claims.get(settings.get("groups_claim")) or ()
    groups = (groups,) if isinstance(groups, str) else tuple(str(g) for g in groups)
    # The issuer is part of the subject: the same "sub" at two providers is two people.
    subject = f"{claims.get('iss', '')}|{claims['sub']}"
    return Viewer(sign_in=True, subject=subject, email=str(claims.get("email") or ""), groups=groups)
