"""The service layer: what the JSON routes (api/routes) and the web pages (api/web) both call, one module per
resource, so that a form is checked, audited and refused exactly as the API is.

Each service is a keyword-only function named for what it does (`issue_party_feed(*, session, user, ...)`).
It takes the request's session and user, raises from the one tree in mouflow/errors.py, and returns plain
values and models: it knows nothing of requests, responses or status codes (api/problems.py answers its
refusals), and it never commits: the request's session scope does (api/deps.py).
"""
