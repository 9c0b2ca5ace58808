"""Who is looking, and what they may see: a ``Viewer`` from the sign-in (or its absence) and the roles
that follow from it. Without sign-in configured (one laptop, the demo) everyone is a candidate and a
recruiter, as before; with it, a signed-out visitor sees only the demo, a signed-in one their own
profile, and the recruiters (a configured list, or an OIDC group) the market and the sources too.

Claims trusted: ``iss`` and ``sub`` (who), the groups claim (set by the provider), and ``email`` only when
``email_verified`` is true: providers with self-registration let anyone claim any address.
"""

from __future__ import annotations

from dataclasses import dataclass

from nploy import settings


@dataclass(frozen=True)
class Viewer:
    sign_in: bool  # sign-in is configured ([auth] in secrets.toml)
    subject: str | None = None  # "issuer|sub" of the signed-in user; None when signed out
    email: str = ""  # shown, and matched against NPLOY_RECRUITERS only when the provider verified it
    email_verified: bool = False
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
        # An e-mail a user could type into a self-registration form proves nothing: only a verified one counts.
        email = self.email.lower() if self.email_verified else ""
        group = settings.get("recruiter_group").strip()
        return bool(listed & {sub, (self.subject or "").lower(), email} - {""}) or (bool(group) and group in self.groups)


def viewer_from_claims(sign_in: bool, claims: dict | None) -> Viewer:
    """A viewer from the ID token's claims (``st.user``); None or no ``sub``: signed out."""
    if not sign_in or not claims or not claims.get("sub"):
        return Viewer(sign_in=sign_in)
    groups = claims.get(settings.get("groups_claim")) or ()
    groups = (groups,) if isinstance(groups, str) else tuple(str(g) for g in groups)
    # The issuer is part of the subject: the same "sub" at two providers is two people.
    subject = f"{claims.get('iss', '')}|{claims['sub']}"
    email = str(claims.get("email") or "")
    return Viewer(sign_in=True, subject=subject, email=email, email_verified=_verified(claims), groups=groups)


def _verified(claims: dict) -> bool:
    """OIDC's ``email_verified``: a JSON true, or the string "true" some providers send; absent is false."""
    flag = claims.get("email_verified")
    return flag is True or (isinstance(flag, str) and flag.strip().lower() == "true")
