"""People's access to the service: invitations, password resets and changes, the password
policy, sign-in protection (django-axes) and the organisation's security log pages.

Leads never know a colleague's password: they invite by email (eia/accounts/invitations.py),
and each person sets, resets (by email link) and changes their own. Every step is on the
security log (eia/security_log.py).
"""
