"""Signing in and staying signed in: council single sign-on (OpenID Connect), MFA for local
accounts, session lifetimes and the security headers every response carries."""
